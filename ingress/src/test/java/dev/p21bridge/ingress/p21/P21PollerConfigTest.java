package dev.p21bridge.ingress.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class P21PollerConfigTest {

    @Test
    void shouldUseTheDocumentedDefaults() {
        P21PollerConfig config = P21PollerConfig.from(new Environment(Map.of()));

        assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:8091"));
        assertThat(config.username()).isEqualTo("p21api");
        assertThat(config.password()).isEqualTo("p21-dev-password");
        assertThat(config.interval(P21Table.INVENTORY)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.interval(P21Table.SHIPMENTS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.interval(P21Table.ORDERS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.interval(P21Table.CUSTOMERS)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.interval(P21Table.ITEMS)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.interval(P21Table.INVOICES)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.interval(P21Table.RECEIPTS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.overlap()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.pageSize()).isEqualTo(500);
        assertThat(config.enabled()).isTrue();
    }

    @Test
    void shouldReadEverySetting() {
        P21PollerConfig config = P21PollerConfig.from(new Environment(Map.of(
                "BRIDGE_P21_URL", "https://p21.example.com", "BRIDGE_P21_POLL_INVENTORY", "200ms",
                "BRIDGE_P21_POLL_ITEMS", "PT5M", "BRIDGE_P21_POLL_OVERLAP", "0s", "BRIDGE_P21_POLL_PAGE_SIZE", "50",
                "BRIDGE_P21_POLL_ENABLED", "false")));

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://p21.example.com"));
        assertThat(config.interval(P21Table.INVENTORY)).isEqualTo(Duration.ofMillis(200));
        assertThat(config.interval(P21Table.ITEMS)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.overlap()).isZero();
        assertThat(config.pageSize()).isEqualTo(50);
        assertThat(config.enabled()).isFalse();
    }

    @Test
    void shouldNameTheVariableThatIsMalformed() {
        assertThatThrownBy(() -> P21PollerConfig.from(new Environment(Map.of("BRIDGE_P21_POLL_SHIPMENTS", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_P21_POLL_SHIPMENTS is malformed");
        assertThatThrownBy(() -> P21PollerConfig.from(new Environment(Map.of("BRIDGE_P21_POLL_ENABLED", "maybe"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_P21_POLL_ENABLED is malformed");
        assertThatThrownBy(() -> P21PollerConfig.from(new Environment(Map.of("BRIDGE_P21_POLL_PAGE_SIZE", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_P21_POLL_PAGE_SIZE is malformed");
    }

    @Test
    void shouldNeverShowThePassword() {
        P21PollerConfig config = P21PollerConfig.from(new Environment(Map.of("BRIDGE_P21_PASSWORD", "s3cret-pw")));

        assertThat(config.toString()).doesNotContain("s3cret-pw").contains("password=***");
    }

    @Test
    void shouldLoadStockAndPricesInFullOnTheFirstStartUnlessToldOtherwise() {
        assertThat(P21PollerConfig.from(new Environment(Map.of())).initialLoad())
                .containsExactlyInAnyOrder(P21Table.INVENTORY, P21Table.ITEMS);
        assertThat(P21PollerConfig.from(new Environment(Map.of("BRIDGE_P21_INITIAL_LOAD", "none"))).initialLoad()).isEmpty();
        assertThat(P21PollerConfig.from(new Environment(Map.of("BRIDGE_P21_INITIAL_LOAD", "oe_pick_ticket"))).initialLoad())
                .containsExactly(P21Table.SHIPMENTS);
        assertThatThrownBy(() -> P21PollerConfig.from(new Environment(Map.of("BRIDGE_P21_INITIAL_LOAD", "orders"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_P21_INITIAL_LOAD is malformed (unknown table 'orders')");
    }
}
