package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class IngressConfigTest {

    private static final Map<String, String> SECRETS = Map.of(
            "BRIDGE_XCART_WEBHOOK_SECRET", "xcart-old, xcart-new",
            "BRIDGE_CLARITY_WEBHOOK_SECRET", "clarity-dev-secret");

    @Test
    void shouldUseTheContractDefaultsAndSplitRotatingSecrets() {
        IngressConfig config = IngressConfig.from(new Environment(SECRETS));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.tolerance()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.secrets("xcart")).containsExactly("xcart-old", "xcart-new");
        assertThat(config.secrets("clarity")).containsExactly("clarity-dev-secret");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void shouldPreferTheDefaultStoresOwnSecretToThePlatformOne() {
        IngressConfig config = IngressConfig.from(new Environment(Map.of("BRIDGE_XCART_WEBHOOK_SECRET", "old",
                "BRIDGE_STORE_XCART_WEBHOOK_SECRET", "store-a,store-b", "BRIDGE_STORE_CLARITY_WEBHOOK_SECRET", "c")));

        assertThat(config.secrets("xcart")).containsExactly("store-a", "store-b");
        assertThat(config.secrets("clarity")).containsExactly("c");
    }

    @Test
    void shouldTakeWebhooksOfEveryListeningStoreEachWithItsOwnSecrets() {
        IngressConfig config = IngressConfig.from(new Environment(Map.of("BRIDGE_STORES",
                "us:xcart,ca:xcart,clarity:clarity,b2b:clarity", "BRIDGE_STORE_US_WEBHOOK_SECRET", "us-secret",
                "BRIDGE_STORE_CA_WEBHOOK_SECRET", "ca-secret", "BRIDGE_CLARITY_WEBHOOK_SECRET", "clarity-secret",
                "BRIDGE_STORE_B2B_MODE", "poll", "BRIDGE_STORE_B2B_URL", "https://b2b.example.com",
                "BRIDGE_STORE_B2B_TOKEN", "t")));

        assertThat(config.webhookStores()).extracting(WebhookStore::name).containsExactly("us", "ca", "clarity");
        assertThat(config.webhookStores()).extracting(WebhookStore::source)
                .containsExactly(WebhookSource.XCART, WebhookSource.XCART, WebhookSource.CLARITY);
        assertThat(config.secrets("ca")).containsExactly("ca-secret");
        assertThat(config.secrets("b2b")).isEmpty();
        assertThat(config.toString()).doesNotContain("us-secret", "ca-secret", "clarity-secret");
    }

    @Test
    void shouldStopAtStartNamingAMissingSecret() {
        assertThatThrownBy(() -> IngressConfig.from(new Environment(
                Map.of("BRIDGE_XCART_WEBHOOK_SECRET", "s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BRIDGE_CLARITY_WEBHOOK_SECRET is not set");
        assertThatThrownBy(() -> IngressConfig.from(new Environment(Map.of("BRIDGE_STORES", "xcart:xcart,ca:xcart",
                "BRIDGE_XCART_WEBHOOK_SECRET", "s"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_STORE_CA_WEBHOOK_SECRET is not set");
    }

    @Test
    void shouldStopAtStartNamingAMalformedSetting() {
        assertThatThrownBy(() -> IngressConfig.from(with("BRIDGE_INGRESS_ACK_TIMEOUT", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_INGRESS_ACK_TIMEOUT is malformed");
        assertThatThrownBy(() -> IngressConfig.from(with("BRIDGE_WEBHOOK_TOLERANCE", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_WEBHOOK_TOLERANCE is malformed");
        assertThatThrownBy(() -> IngressConfig.from(with("BRIDGE_INGRESS_BODY_TIMEOUT", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_INGRESS_BODY_TIMEOUT is malformed");
        assertThatThrownBy(() -> IngressConfig.from(with("BRIDGE_INGRESS_PORT", "80000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_INGRESS_PORT is malformed");
    }

    @Test
    void shouldReadDurationsWithUnits() {
        IngressConfig config = IngressConfig.from(with("BRIDGE_INGRESS_ACK_TIMEOUT", "1500ms"));

        assertThat(config.ackTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void shouldNeverShowASecretWhenPrinted() {
        IngressConfig config = IngressConfig.from(new Environment(SECRETS));

        assertThat(config.toString()).doesNotContain("xcart-old", "xcart-new", "clarity-dev-secret");
    }

    @Test
    void shouldCapTheProducersBlockingAtTheAckTimeoutUnlessTheOperatorSetIt() {
        IngressConfig config = IngressConfig.from(with("BRIDGE_INGRESS_ACK_TIMEOUT", "2s"));
        assertThat(WebhookIngress.producerProperties(config).get(ProducerConfig.MAX_BLOCK_MS_CONFIG))
                .isEqualTo("2000");
        assertThat(WebhookIngress.producerProperties(config).get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");

        IngressConfig operatorSet = IngressConfig.from(with("BRIDGE_KAFKA_MAX_BLOCK_MS", "700"));
        assertThat(WebhookIngress.producerProperties(operatorSet).get(ProducerConfig.MAX_BLOCK_MS_CONFIG))
                .isEqualTo("700");
    }

    private static Environment with(String name, String value) {
        Map<String, String> variables = new HashMap<>(SECRETS);
        variables.put(name, value);
        return new Environment(variables);
    }
}
