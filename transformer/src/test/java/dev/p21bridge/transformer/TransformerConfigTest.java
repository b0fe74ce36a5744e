package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformerConfigTest {

    @Test
    void shouldSellFromEveryLocationAndReserveFor30MinutesByDefault() {
        TransformerConfig config = TransformerConfig.from(new Environment(Map.of()));

        assertThat(config.sellsFrom("10")).isTrue();
        assertThat(config.sellsFrom("99")).isTrue();
        assertThat(config.reservationTtl()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldSellOnlyFromTheConfiguredLocations() {
        TransformerConfig config = TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_WEBSTORE_LOCATIONS", " 10,20 ,", "BRIDGE_RESERVATION_TTL", "5m")));

        assertThat(config.sellsFrom("10")).isTrue();
        assertThat(config.sellsFrom("20")).isTrue();
        assertThat(config.sellsFrom("30")).isFalse();
        assertThat(config.reservationTtl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldStopAtStartNamingAMalformedReservationTtl() {
        assertThatThrownBy(() -> TransformerConfig.from(new Environment(Map.of("BRIDGE_RESERVATION_TTL", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_RESERVATION_TTL is malformed");
        assertThatThrownBy(() -> TransformerConfig.from(new Environment(Map.of("BRIDGE_WEBSTORE_LOCATIONS", " , "))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_WEBSTORE_LOCATIONS is malformed");
    }

    @Test
    void shouldRefuseToForgetOrderKeysBeforeEventIds() {
        assertThatThrownBy(() -> TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_DEDUP_EVENT_RETENTION", "7d", "BRIDGE_DEDUP_ORDER_RETENTION", "5d"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_DEDUP_ORDER_RETENTION is malformed")
                .hasMessageContaining("shorter than BRIDGE_DEDUP_EVENT_RETENTION");
        assertThat(TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_DEDUP_EVENT_RETENTION", "7d", "BRIDGE_DEDUP_ORDER_RETENTION", "7d"))).orderDedupRetention())
                .isEqualTo(Duration.ofDays(7));
    }
}
