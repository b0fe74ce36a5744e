package dev.p21bridge.transformer.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SightingsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final Duration RECENT = Duration.ofMinutes(10);

    private final Map<String, byte[]> memory = new HashMap<>();
    private final Sightings sightings = new Sightings(memory);

    @Test
    void shouldCountOrdersAndDistinctCardsAndEmailsOfAKeyInEachWindow() {
        String ip = Sightings.key("xcart", Sightings.Dimension.IP, "203.0.113.9");
        sightings.countAndRecord(ip, 1, 11, T0, RECENT, Sightings.MEMORY, 10);
        sightings.countAndRecord(ip, 2, 12, T0.plusSeconds(60), RECENT, Sightings.MEMORY, 10);
        Sightings.Counts third = sightings.countAndRecord(ip, 2, 12, T0.plus(Duration.ofMinutes(30)), RECENT,
                Sightings.MEMORY, 10);

        assertThat(third).isEqualTo(new Sightings.Counts(1, 3, 1, 1, 2));
    }

    @Test
    void shouldForgetKeysIdleForADayAndKeepTheOthers() {
        sightings.countAndRecord(Sightings.key("xcart", Sightings.Dimension.EMAIL, "pat.lee@example.com"), 1, 0, T0,
                RECENT, Sightings.MEMORY, 4);
        sightings.countAndRecord(Sightings.key("xcart", Sightings.Dimension.EMAIL, "ann.fox@example.com"), 2, 0,
                T0.plus(Duration.ofHours(20)), RECENT, Sightings.MEMORY, 4);

        assertThat(sightings.forgetIdle(T0.plus(Duration.ofHours(25)))).isEqualTo(1);
        assertThat(memory).containsOnlyKeys(Sightings.key("xcart", Sightings.Dimension.EMAIL, "ann.fox@example.com"));
    }

    @Test
    void shouldKeepNoMoreEntriesThanTheDepthAsksFor() {
        String address = Sightings.key("xcart", Sightings.Dimension.ADDRESS, "1 MAIN ST|33166|US");
        for (int i = 0; i < 10; i++) {
            sightings.countAndRecord(address, i + 1, 0, T0.plusSeconds(i), RECENT, Sightings.MEMORY, 3);
        }

        assertThat(memory.get(address)).hasSize(3 * 3 * Long.BYTES);
    }
}
