package dev.p21bridge.app.console.alerts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hours in which a merchant expects orders, in the merchant's own time zone (so a rule keeps meaning 9 to 5 across
 * daylight-saving changes). {@code to} before {@code from} spans midnight: 22:00-06:00.
 */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public BusinessHours {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        if (days.isEmpty()) {
            throw new IllegalArgumentException("hours.days names no day");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("hours.from and hours.to are equal");
        }
    }

    /** Whether {@code instant} lies within these hours; a span past midnight belongs to the day it started on. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
        }
        if (!time.isBefore(from)) {
            return days.contains(local.getDayOfWeek());
        }
        return time.isBefore(to) && days.contains(local.getDayOfWeek().minus(1));
    }

    /**
     * Days as {@code MON-FRI}, {@code SAT,SUN} or {@code MON-WED,FRI}; a range may wrap ({@code FRI-MON}).
     */
    public static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.trim().split("-");
            if (range.length == 1) {
                days.add(day(range[0]));
            } else if (range.length == 2) {
                DayOfWeek day = day(range[0]);
                DayOfWeek last = day(range[1]);
                days.add(day);
                while (day != last) {
                    day = day.plus(1);
                    days.add(day);
                }
            } else {
                throw new IllegalArgumentException("hours.days '" + text + "' is not like MON-FRI or SAT,SUN");
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(wanted) && wanted.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException("hours.days: '" + text + "' is not a day (MON, TUE, ... SUN)");
    }

    /** As the page shows it: {@code Mon, Tue, ... 09:00-17:00 America/Chicago}. */
    public String text() {
        return days.stream().sorted().map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ROOT))
                .collect(Collectors.joining(", ")) + " " + from + "-" + to + " " + zone.getId();
    }
}
