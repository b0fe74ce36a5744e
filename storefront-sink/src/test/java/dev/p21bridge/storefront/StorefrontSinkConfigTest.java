package dev.p21bridge.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorefrontSinkConfigTest {

    @Test
    void shouldStartWithTheDefaultsOfBridgeUp() {
        StorefrontSinkConfig config = StorefrontSinkConfig.from(new Environment(Map.of()));

        assertThat(config.xcartUrl()).hasToString("http://localhost:8092");
        assertThat(config.clarityUrl()).hasToString("http://localhost:8093");
        assertThat(config.xcartToken()).isEqualTo("xcart-dev-token");
        assertThat(config.clarityToken()).isEqualTo("clarity-dev-token");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.skuInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.catalogTargets()).isEqualTo(Set.of(Storefront.XCART, Storefront.CLARITY));
    }

    @Test
    void shouldStopAtStartNamingAnUnknownStorefront() {
        assertThatThrownBy(() -> StorefrontSinkConfig.from(new Environment(Map.of("BRIDGE_STOREFRONTS", "xcart,magento"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BRIDGE_STOREFRONTS is malformed (unknown storefront 'magento')");
    }

    @Test
    void shouldRefuseAFlushIntervalOfZero() {
        assertThatThrownBy(() -> StorefrontSinkConfig.from(new Environment(Map.of("BRIDGE_STOCK_FLUSH_INTERVAL", "0ms"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_STOCK_FLUSH_INTERVAL is malformed");
    }

    @Test
    void shouldAcceptASkuIntervalOfZeroAndRefuseANegativeOne() {
        assertThat(StorefrontSinkConfig.from(new Environment(Map.of("BRIDGE_STOCK_SKU_INTERVAL", "0s"))).skuInterval())
                .isZero();
        assertThatThrownBy(() -> StorefrontSinkConfig.from(new Environment(Map.of("BRIDGE_STOCK_SKU_INTERVAL", "PT-1S"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BRIDGE_STOCK_SKU_INTERVAL is malformed (must not be negative)");
    }

    @Test
    void shouldNeverShowTheTokens() {
        StorefrontSinkConfig config = StorefrontSinkConfig.from(new Environment(Map.of(
                "BRIDGE_XCART_TOKEN", "xc-secret-1", "BRIDGE_CLARITY_TOKEN", "cl-secret-2", "BRIDGE_STOREFRONTS", "clarity")));

        assertThat(config.toString()).doesNotContain("xc-secret-1", "cl-secret-2").contains("catalogTargets=[CLARITY]");
    }
}
