package dev.p21bridge.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void shouldNameTheMissingSettingInOneLine() {
        Environment env = new Environment(Map.of());
        assertThatThrownBy(() -> env.get(Setting.required("BRIDGE_P21_URL", "base URL of the P21 server")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("BRIDGE_P21_URL is not set: base URL of the P21 server")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldNameTheMalformedSettingAndWhy() {
        Environment env = new Environment(Map.of("BRIDGE_INGRESS_PORT", "eighty", "BRIDGE_P21_URL", "ftp://x",
                "BRIDGE_POLL", "2 fortnights"));
        assertThatThrownBy(() -> env.get(Setting.port("BRIDGE_INGRESS_PORT", "webhook port", 8080)))
                .hasMessage("BRIDGE_INGRESS_PORT is malformed (not a whole number): webhook port");
        assertThatThrownBy(() -> env.get(Setting.url("BRIDGE_P21_URL", "P21", null)))
                .hasMessageStartingWith("BRIDGE_P21_URL is malformed (must be an http:// or https:// URL");
        assertThatThrownBy(() -> env.get(Setting.duration("BRIDGE_POLL", "poll", Duration.ofSeconds(2))))
                .hasMessageStartingWith("BRIDGE_POLL is malformed");
    }

    @Test
    void shouldParseDurationsWithUnits() {
        Environment env = new Environment(Map.of("A", "500ms", "B", "2s", "C", "7d", "D", "PT10M"));
        assertThat(env.get(Setting.duration("A", "", null))).isEqualTo(Duration.ofMillis(500));
        assertThat(env.get(Setting.duration("B", "", null))).isEqualTo(Duration.ofSeconds(2));
        assertThat(env.get(Setting.duration("C", "", null))).isEqualTo(Duration.ofDays(7));
        assertThat(env.get(Setting.duration("D", "", null))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldPassKafkaClientPropertiesThroughButNotTheBridgesOwn() {
        KafkaConfig config = KafkaConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", "k1:9092,k2:9092",
                "BRIDGE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "BRIDGE_KAFKA_SASL_MECHANISM", "PLAIN",
                "BRIDGE_SCHEMA_REGISTRY_URL", "http://registry:8081")));
        assertThat(config.clientProperties()).containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("bootstrap");
        assertThat(config.schemaRegistryUrl()).isEqualTo(URI.create("http://registry:8081"));
    }

    @Test
    void shouldRefuseABootstrapWithoutPortAndAMinIsrAboveTheReplication() {
        assertThatThrownBy(() -> KafkaConfig.from(new Environment(Map.of("BRIDGE_KAFKA_BOOTSTRAP", "kafka"))))
                .hasMessageStartingWith("BRIDGE_KAFKA_BOOTSTRAP is malformed (expected host:port, got 'kafka')");
        assertThatThrownBy(() -> KafkaConfig.from(new Environment(Map.of("BRIDGE_TOPIC_MIN_INSYNC_REPLICAS", "2"))))
                .hasMessageStartingWith("BRIDGE_TOPIC_MIN_INSYNC_REPLICAS is malformed (2 exceeds the replication factor 1)");
    }
}
