package dev.p21bridge.simulators.storefront;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A time given to an order list's date filter: ISO-8601 with an offset, a date (midnight UTC), or Unix seconds. */
public final class ListTime {

    private ListTime() {
    }

    /** The instant, or an {@link IllegalArgumentException} naming {@code parameter}. */
    public static Instant parse(String parameter, String text) {
        String value = text.strip();
        try {
            if (value.matches("\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be an ISO-8601 time with an offset"
                    + " (2026-12-07T12:00:00+00:00), a date or Unix seconds, got '" + value + "'");
        }
    }
}
