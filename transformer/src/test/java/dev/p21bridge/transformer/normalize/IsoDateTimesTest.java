package dev.p21bridge.transformer.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written fast path must agree with the JDK's parser on everything it accepts, and refuse the rest. */
class IsoDateTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-20T08:15:44-06:00", "2026-11-20T14:03:11+00:00", "2026-11-20T14:03:11Z",
        "2026-11-20T14:03:11.5Z", "2026-11-20T14:03:11.123+05:30", "2026-11-20T14:03:11.123456789-09:45",
        "2024-02-29T23:59:59+18:00", "2024-02-29T00:00:00-18:00", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z"})
    void shouldReadTheCommonShapeAsTheJdkDoes(String text) {
        assertThat(IsoDateTimes.common(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
        assertThat(IsoDateTimes.toInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-20T14:03+00:00", "2026-11-20T14:03:11+00:00:30", "2026-11-20t14:03:11z", "2026-11-20T14:03:11.+01:00"})
    void shouldLeaveOtherValidShapesToTheJdk(String text) {
        assertThat(IsoDateTimes.common(text)).isNull();
        assertThat(IsoDateTimes.toInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-00T10:00:00Z", "2026-11-20T25:00:00Z",
        "2026-11-20T10:60:00Z", "2026-11-20T10:00:60Z", "2026-11-20T10:00:00+19:00", "2026-11-20T10:00:00",
        "2026-11-20T10:00:00.1234567891Z", "2026-11-20 10:00:00Z", "2026-11-2OT10:00:00Z", "20-11-2026T10:00:00Z",
        "2026-11-20T10:00:00+0100", "yesterday", ""})
    void shouldRefuseWhatTheJdkRefuses(String text) {
        assertThat(IsoDateTimes.common(text)).isNull();
        assertThatThrownBy(() -> IsoDateTimes.toInstant(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void shouldAgreeWithTheJdkOnRandomInstantsAndOffsets() {
        Random random = new Random(42);
        List<String> offsets = List.of("Z", "+00:00", "-06:00", "+05:30", "+14:00", "-12:00", "+18:00", "-09:30");
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            String offset = offsets.get(random.nextInt(offsets.size()));
            String text = OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.of(offset)).toString();
            if (text.length() > 16 && text.charAt(16) != ':') {
                continue; // whole minutes print without seconds: the JDK's own shape, not the common one
            }
            assertThat(IsoDateTimes.toInstant(text)).as(text).isEqualTo(instant);
            assertThat(IsoDateTimes.common(text)).as(text).isEqualTo(instant);
        }
    }
}
