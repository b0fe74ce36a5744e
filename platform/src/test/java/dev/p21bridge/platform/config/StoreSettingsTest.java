package dev.p21bridge.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    @Test
    void shouldKeepTodaysSingleStoreSettingsWorkingForTheDefaultStores() {
        List<Store> stores = StoreSettings.from(new Environment(Map.of("BRIDGE_XCART_URL", "https://shop.example.com",
                "BRIDGE_XCART_TOKEN", "s3cr3t-api", "BRIDGE_XCART_WEBHOOK_SECRET", "a,b")));

        assertThat(stores).extracting(Store::name).containsExactly("xcart", "clarity");
        Store xcart = stores.get(0);
        assertThat(xcart.url()).isEqualTo(URI.create("https://shop.example.com"));
        assertThat(xcart.token()).isEqualTo("s3cr3t-api");
        assertThat(xcart.webhookSecrets()).containsExactly("a", "b");
        assertThat(xcart.mode()).isEqualTo(StoreMode.WEBHOOK);
        assertThat(xcart.isDefault()).isTrue();
        assertThat(stores.get(1).url()).isEqualTo(URI.create("http://localhost:8093"));
        assertThat(xcart.toString()).doesNotContain("s3cr3t-api").doesNotContain("a,b");
    }

    @Test
    void shouldReadEachStoresOwnSettingsBeforeThePlatformOnes() {
        List<Store> stores = StoreSettings.from(new Environment(Map.of("BRIDGE_STORES", "xcart:xcart, us-b2b:clarity",
                "BRIDGE_STORE_XCART_MODE", "both", "BRIDGE_STORE_XCART_POLL_INTERVAL", "5s",
                "BRIDGE_STORE_US_B2B_MODE", "poll", "BRIDGE_STORE_US_B2B_URL", "https://b2b.example.com",
                "BRIDGE_STORE_US_B2B_TOKEN", "b2b-token")));

        assertThat(stores).hasSize(2);
        assertThat(stores.get(0).mode()).isEqualTo(StoreMode.BOTH);
        assertThat(stores.get(0).pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(stores.get(1).platform()).isEqualTo(StorePlatform.CLARITY);
        assertThat(stores.get(1).url()).isEqualTo(URI.create("https://b2b.example.com"));
        assertThat(stores.get(1).isDefault()).isFalse();
        assertThat(stores.get(1).pollOverlap()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldTakeSeveralStoresOfOnePlatformEachWithItsOwnDefaults() {
        List<Store> stores = StoreSettings.from(new Environment(Map.of("BRIDGE_STORES", "us:xcart,ca:xcart,clarity:clarity",
                "BRIDGE_STORE_US_WEBHOOK_SECRET", "us-secret", "BRIDGE_STORE_CA_WEBHOOK_SECRET", "ca-old,ca-new",
                "BRIDGE_STORE_CA_P21_SALES_LOCATION", "20", "BRIDGE_STORE_CA_P21_SOURCE_LOCATION", "20",
                "BRIDGE_STORE_CA_P21_TAKER", "WEB-CA", "BRIDGE_STORE_CA_STOCK_LOCATIONS", "20, 21")));

        assertThat(stores).extracting(Store::name).containsExactly("us", "ca", "clarity");
        assertThat(stores.get(0).defaults()).isEqualTo(StoreDefaults.NONE);
        assertThat(stores.get(1).webhookSecrets()).containsExactly("ca-old", "ca-new");
        assertThat(stores.get(1).defaults()).isEqualTo(new StoreDefaults("20", "20", "WEB-CA", List.of("20", "21")));
        assertThat(stores.get(1).defaults().sellsFrom("10", java.util.Set.of())).isFalse();
        assertThat(stores.get(0).defaults().sellsFrom("10", java.util.Set.of())).isTrue();
        assertThat(stores.get(1).orderKey("20001")).isEqualTo("ca:20001");
        assertThat(stores.get(1).toString()).doesNotContain("ca-old");
    }

    @Test
    void shouldRefuseAStoreThatWearsAnotherPlatformsNameOrAMalformedP21Id() {
        assertThatThrownBy(() -> StoreSettings.from(new Environment(Map.of("BRIDGE_STORES", "clarity:xcart"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_STORES is malformed")
                .hasMessageContaining("store 'clarity' is named as the Clarity platform but is an X-Cart store");
        assertThatThrownBy(() -> StoreSettings.from(new Environment(Map.of("BRIDGE_STORE_XCART_P21_TAKER", "WEB US"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_STORE_XCART_P21_TAKER is malformed");
    }

    @Test
    void shouldStopAtStartNamingTheVariableOfAMalformedValue() {
        assertThatThrownBy(() -> StoreSettings.from(new Environment(Map.of("BRIDGE_STORES", "xcart:magento"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_STORES is malformed")
                .hasMessageContaining("magento");
        assertThatThrownBy(() -> StoreSettings.from(new Environment(Map.of("BRIDGE_STORES", "a:xcart,a:clarity"))))
                .hasMessageContaining("named twice");
        assertThatThrownBy(() -> StoreSettings.from(new Environment(Map.of("BRIDGE_STORE_CLARITY_MODE", "sometimes"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_STORE_CLARITY_MODE is malformed");
        assertThatThrownBy(() -> StoreSettings.from(new Environment(Map.of("BRIDGE_STORE_XCART_POLL_INTERVAL", "0s"))))
                .hasMessageStartingWith("BRIDGE_STORE_XCART_POLL_INTERVAL is malformed");
        assertThatThrownBy(() -> StoreSettings.from(new Environment(Map.of("BRIDGE_STORES", "eu:clarity",
                "BRIDGE_STORE_EU_MODE", "poll")))).hasMessageStartingWith("BRIDGE_STORE_EU_URL is not set");
    }
}
