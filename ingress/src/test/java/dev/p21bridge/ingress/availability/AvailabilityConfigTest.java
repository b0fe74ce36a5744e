package dev.p21bridge.ingress.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityConfigTest {

    @Test
    void shouldReadATokenPerStoreAndEnableOnlyThoseStores() {
        AvailabilityConfig config = AvailabilityConfig.from(new Environment(Map.of(
                "BRIDGE_STORES", "us-shop:xcart,clarity:clarity",
                "BRIDGE_STORE_US_SHOP_AVAILABILITY_TOKEN", "us-shop-token-0123456789")));

        assertThat(config.enabled()).isTrue();
        assertThat(config.stores()).containsExactly("us-shop", "clarity");
        assertThat(config.tokens()).containsOnlyKeys("us-shop");
        assertThat(AvailabilityConfig.tokenVariable("us-shop")).isEqualTo("BRIDGE_STORE_US_SHOP_AVAILABILITY_TOKEN");
        assertThat(AvailabilityConfig.from(new Environment(Map.of())).enabled()).isFalse();
    }

    @Test
    void shouldRefuseAShortTokenAtStartNamingTheVariable() {
        assertThatThrownBy(() -> AvailabilityConfig.from(new Environment(Map.of(
                "BRIDGE_STORE_XCART_AVAILABILITY_TOKEN", "short"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BRIDGE_STORE_XCART_AVAILABILITY_TOKEN")
                .hasMessageContaining("shorter than 16 characters")
                .hasMessageNotContaining("short)");
        assertThatThrownBy(() -> AvailabilityConfig.from(new Environment(Map.of(
                "BRIDGE_STORE_XCART_AVAILABILITY_TOKEN", "has a space in it somewhere"))))
                .hasMessageContaining("without spaces");
    }

    @Test
    void shouldNeverShowATokenWhenTheConfigIsLogged() {
        String token = "secret-availability-token-42";
        IngressConfig config = IngressConfig.from(new Environment(Map.of("BRIDGE_XCART_WEBHOOK_SECRET", "xs",
                "BRIDGE_CLARITY_WEBHOOK_SECRET", "cs", "BRIDGE_STORE_XCART_AVAILABILITY_TOKEN", token)));

        assertThat(config.toString()).doesNotContain(token).contains("enabled for [xcart]");
        assertThat(config.availability().toString()).doesNotContain(token);
    }
}
