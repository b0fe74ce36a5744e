package dev.p21bridge.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryConfigTest {

    @Test
    void shouldDefaultToTheContractsDelaysAndAFiveFailureThirtySecondCircuit() {
        RetryConfig config = RetryConfig.from(new Environment(Map.of()));

        assertThat(config.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(config.circuitFailures()).isEqualTo(20);
        assertThat(config.circuitOpenFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config).isEqualTo(RetryConfig.defaults());
    }

    @Test
    void shouldReadShortDelaysAndCircuitSettings() {
        RetryConfig config = RetryConfig.from(new Environment(Map.of("BRIDGE_RETRY_DELAYS", "200ms, 400ms,PT0.8S",
                "BRIDGE_CIRCUIT_FAILURES", "3", "BRIDGE_CIRCUIT_OPEN_FOR", "2s", "BRIDGE_CIRCUIT_WINDOW", "5s")));

        assertThat(config.delays()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(config.delay(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(config.circuitFailures()).isEqualTo(3);
        assertThat(config.circuitOpenFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.circuitWindow()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldStopAtStartNamingTheSettingWhenTheDelaysDoNotMatchTheLevels() {
        assertThatThrownBy(() -> RetryConfig.from(new Environment(Map.of("BRIDGE_RETRY_DELAYS", "10s,1m"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_RETRY_DELAYS is malformed")
                .hasMessageContaining("expected 3 delays");
        assertThatThrownBy(() -> RetryConfig.from(new Environment(Map.of("BRIDGE_RETRY_DELAYS", "10s,0s,1m"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> RetryConfig.from(new Environment(Map.of("BRIDGE_CIRCUIT_OPEN_FOR", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_CIRCUIT_OPEN_FOR");
        assertThatThrownBy(() -> RetryConfig.from(new Environment(Map.of("BRIDGE_CIRCUIT_FAILURES", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("BRIDGE_CIRCUIT_FAILURES");
    }
}
