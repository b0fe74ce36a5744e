package dev.p21bridge.app.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void shouldKeepNineToFiveInTheMerchantsZoneAcrossDaylightSaving() {
        BusinessHours hours = new BusinessHours(CHICAGO, BusinessHours.days("MON-FRI"), LocalTime.of(9, 0),
                LocalTime.of(17, 0));
        // winter: UTC-6; summer: UTC-5
        assertThat(hours.contains(Instant.parse("2026-12-07T15:00:00Z"))).isTrue();
        assertThat(hours.contains(Instant.parse("2026-12-07T14:59:00Z"))).isFalse();
        assertThat(hours.contains(Instant.parse("2026-07-06T14:00:00Z"))).isTrue();
        assertThat(hours.contains(Instant.parse("2026-07-06T22:00:00Z"))).isFalse();
        assertThat(hours.contains(Instant.parse("2026-12-12T16:00:00Z"))).as("a Saturday").isFalse();
    }

    @Test
    void shouldLetANightShiftPastMidnightBelongToTheDayItStarted() {
        BusinessHours nights = new BusinessHours(CHICAGO, BusinessHours.days("FRI"), LocalTime.of(22, 0),
                LocalTime.of(6, 0));
        assertThat(nights.contains(Instant.parse("2026-12-12T05:00:00Z"))).as("Friday 23:00").isTrue();
        assertThat(nights.contains(Instant.parse("2026-12-12T10:00:00Z"))).as("Saturday 04:00").isTrue();
        assertThat(nights.contains(Instant.parse("2026-12-13T10:00:00Z"))).as("Sunday 04:00").isFalse();
    }

    @Test
    void shouldReadDayListsAndRangesThatWrap() {
        assertThat(BusinessHours.days("SAT,SUN")).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(BusinessHours.days("fri-mon")).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY,
                DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThatThrownBy(() -> BusinessHours.days("MON-FUN")).hasMessageContaining("'FUN' is not a day");
    }
}
