package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BRIDGE_CONSOLE_SERVICE_METRICS names known services and plain http(s) URLs, or the console does not start. */
class ConsoleConfigTest {

    @Test
    void shouldReadEachServicesMetricsUrl() {
        ConsoleConfig config = config(" ingress=http://ingress:8080/metrics , p21-sink=https://sink.example:8095/metrics,");

        assertThat(config.serviceMetrics()).isEqualTo(Map.of(
                "ingress", URI.create("http://ingress:8080/metrics"),
                "p21-sink", URI.create("https://sink.example:8095/metrics")));
    }

    @Test
    void shouldReadNoServiceWhenTheSettingIsAbsent() {
        assertThat(ConsoleConfig.from(new Environment(Map.of())).serviceMetrics()).isEmpty();
    }

    @Test
    void shouldRefuseWhatAnOperatorMightMistypeNamingTheSettingAndTheProblem() {
        assertRefused("ingres=http://ingress:8080/metrics", "unknown service 'ingres'");
        assertRefused("ingress:http://ingress:8080/metrics", "is not service=url");
        assertRefused("ingress=ingress:8080/metrics", "the URL of ingress must be an http:// or https:// URL");
        assertRefused("ingress=ftp://ingress/metrics", "the URL of ingress must be an http:// or https:// URL");
        assertRefused("ingress=http://a b/metrics", "the URL of ingress is not a URL");
        assertRefused("ingress=http://h:8080/metrics,ingress=http://h:8081/metrics", "'ingress' is named twice");
        assertRefused("ingress=http://admin:secret@h:8080/metrics", "must not carry a user or password");
    }

    private static void assertRefused(String value, String problem) {
        assertThatThrownBy(() -> config(value)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ConsoleConfig.SERVICE_METRICS.name()).hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    private static ConsoleConfig config(String value) {
        return ConsoleConfig.from(new Environment(Map.of(ConsoleConfig.SERVICE_METRICS.name(), value)));
    }
}
