package dev.p21bridge.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void shouldReportAReportedOnlyCheckWithoutMakingTheServiceUnready() {
        Map<String, Object> health = new ServiceEndpoints("ingress", registry, List.of(
                new ServiceEndpoints.Check("kafka", () -> true),
                ServiceEndpoints.Check.reportedOnly("availability", () -> false))).health();

        assertThat(health).containsEntry("ready", true).containsEntry("status", "UP");
        assertThat(health.get("checks")).isEqualTo(Map.of("kafka", "UP", "availability", "DOWN"));
    }

    @Test
    void shouldBeUnreadyWhenAGatingCheckFails() {
        Map<String, Object> health = new ServiceEndpoints("ingress", registry, List.of(
                new ServiceEndpoints.Check("kafka", () -> false),
                ServiceEndpoints.Check.reportedOnly("availability", () -> true))).health();

        assertThat(health).containsEntry("ready", false).containsEntry("status", "DOWN");
    }
}
