package dev.p21bridge.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StorePlatform;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorefrontSinkConfigTest {

    @Test
    void shouldStartWithTheDefaultsOfBridgeUp() {
        StorefrontSinkConfig config = StorefrontSinkConfig.from(new Environment(Map.of()));

        assertThat(config.stores()).extracting(Store::name).containsExactly("xcart", "clarity");
        assertThat(config.stores().get(0).url()).hasToString("http://localhost:8092");
        assertThat(config.stores().get(1).url()).hasToString("http://localhost:8093");
        assertThat(config.stores().get(0).token()).isEqualTo("xcart-dev-token");
        assertThat(config.stores().get(1).token()).isEqualTo("clarity-dev-token");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.skuInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.catalogTargets()).isEqualTo(Set.of(Storefront.XCART, Storefront.CLARITY));
    }

    @Test
    void shouldStopAtStartNamingAnUnknownStorefront() {
        assertThatThrownBy(() -> StorefrontSinkConfig.from(new Environment(Map.of("BRIDGE_STOREFRONTS", "xcart,magento"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BRIDGE_STOREFRONTS is malformed (unknown storefront 'magento'; the stores of"
                        + " BRIDGE_STORES are xcart, clarity)");
    }

    @Test
    void shouldKeepTheSingleStoreVariablesOfTheDefaultStores() {
        StorefrontSinkConfig config = StorefrontSinkConfig.from(new Environment(Map.of(
                "BRIDGE_XCART_URL", "http://shop.example:9000", "BRIDGE_XCART_TOKEN", "xc-secret-1",
                "BRIDGE_CLARITY_URL", "http://clarity.example:9001", "BRIDGE_CLARITY_TOKEN", "cl-secret-2")));

        assertThat(config.stores().get(0).url()).hasToString("http://shop.example:9000");
        assertThat(config.stores().get(0).token()).isEqualTo("xc-secret-1");
        assertThat(config.stores().get(1).url()).hasToString("http://clarity.example:9001");
        assertThat(config.stores().get(1).token()).isEqualTo("cl-secret-2");
    }

    @Test
    void shouldWriteToEveryStoreOfBridgeStoresEachWithItsOwnConnectionAndLocations() {
        StorefrontSinkConfig config = StorefrontSinkConfig.from(new Environment(Map.of(
                "BRIDGE_STORES", "us:xcart,ca:xcart,clarity:clarity",
                "BRIDGE_STORE_US_URL", "http://us.example", "BRIDGE_STORE_US_TOKEN", "us-token",
                "BRIDGE_STORE_US_WEBHOOK_SECRET", "us-secret", "BRIDGE_STORE_US_STOCK_LOCATIONS", "10",
                "BRIDGE_STORE_CA_URL", "http://ca.example", "BRIDGE_STORE_CA_TOKEN", "ca-token",
                "BRIDGE_STORE_CA_WEBHOOK_SECRET", "ca-secret", "BRIDGE_STORE_CA_STOCK_LOCATIONS", "20,30")));

        assertThat(config.catalogTargets()).extracting(Storefront::id)
                .containsExactlyInAnyOrder("us", "ca", "clarity");
        Storefronts stores = config.storefronts();
        assertThat(stores.named("ca")).hasValueSatisfying(ca -> {
            assertThat(ca.platform()).isEqualTo(StorePlatform.XCART);
            assertThat(ca.stockLocations()).containsExactly("20", "30");
            assertThat(ca.displayName()).isEqualTo("X-Cart store 'ca'");
        });
        assertThat(stores.named("clarity")).hasValueSatisfying(c -> assertThat(c.stockLocations()).isEmpty());
        assertThat(config.toString()).doesNotContain("us-token", "ca-token");
    }

    @Test
    void shouldTakeStoreNamesInBridgeStorefronts() {
        StorefrontSinkConfig config = StorefrontSinkConfig.from(new Environment(Map.of(
                "BRIDGE_STORES", "us:xcart,ca:xcart", "BRIDGE_STOREFRONTS", "ca",
                "BRIDGE_STORE_US_URL", "http://us.example", "BRIDGE_STORE_US_TOKEN", "us-token",
                "BRIDGE_STORE_US_MODE", "poll",
                "BRIDGE_STORE_CA_URL", "http://ca.example", "BRIDGE_STORE_CA_TOKEN", "ca-token",
                "BRIDGE_STORE_CA_MODE", "poll")));

        assertThat(config.catalogTargets()).extracting(Storefront::id).containsExactly("ca");
        assertThatThrownBy(() -> StorefrontSinkConfig.from(new Environment(Map.of(
                "BRIDGE_STORES", "us:xcart", "BRIDGE_STOREFRONTS", "xcart",
                "BRIDGE_STORE_US_URL", "http://us.example", "BRIDGE_STORE_US_TOKEN", "us-token",
                "BRIDGE_STORE_US_MODE", "poll"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BRIDGE_STOREFRONTS is malformed (unknown storefront 'xcart'; the stores of"
                        + " BRIDGE_STORES are us)");
    }

    @Test
    void shouldStopAtStartWhenAStoreHasNoUrlToWriteTo() {
        assertThatThrownBy(() -> StorefrontSinkConfig.from(new Environment(Map.of(
                "BRIDGE_STORES", "xcart:xcart,ca:xcart", "BRIDGE_STORE_CA_WEBHOOK_SECRET", "ca-secret"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BRIDGE_STORE_CA_URL is not set (the storefront-sink writes to every store of"
                        + " BRIDGE_STORES)");
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

        assertThat(config.toString()).doesNotContain("xc-secret-1", "cl-secret-2").contains("catalogTargets=[clarity]");
    }
}
