package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.http.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a service's /metrics answers reads back as the Micrometer meters it registered, names and tags. */
class PrometheusTextTest {

    @Test
    void shouldReadAServicesOwnPageBackToItsMicrometerNamesAndTags() {
        PrometheusMeterRegistry service = Metrics.prometheus("ingress");
        Counter.builder("bridge.webhooks.rejected").tag("source", "xcart").tag("reason", "signature-mismatch")
                .register(service).increment(3);
        Gauge.builder("p21.circuit.state", () -> 1).register(service);

        List<PrometheusText.Series> series = PrometheusText.parse(service.scrape());

        assertThat(series).filteredOn(one -> one.meterName().equals("bridge.webhooks.rejected")).singleElement()
                .satisfies(one -> {
                    assertThat(one.isCounter()).isTrue();
                    assertThat(one.value()).isEqualTo(3.0);
                    assertThat(one.labels()).containsEntry("source", "xcart")
                            .containsEntry("reason", "signature-mismatch").containsEntry("service", "ingress");
                });
        assertThat(series).filteredOn(one -> one.meterName().equals("p21.circuit.state")).singleElement()
                .satisfies(one -> {
                    assertThat(one.isCounter()).isFalse();
                    assertThat(one.value()).isEqualTo(1.0);
                });
    }

    @Test
    void shouldReadEscapedLabelsSpecialValuesAndTimestampsAndSkipWhatDoesNotParse() {
        String text = """
                # HELP p21_orders_total orders
                # TYPE p21_orders counter
                p21_orders_total{outcome="created",note="a \\"quoted\\", comma\\\\"} 12.0 1765000000000
                p21_orders_total{outcome="failed"} +Inf
                queue_depth NaN
                broken_line{outcome="x" 3
                not_a_number{a="b"} many
                """;

        List<PrometheusText.Series> series = PrometheusText.parse(text);

        assertThat(series).hasSize(3);
        assertThat(series.get(0).labels()).isEqualTo(Map.of("outcome", "created", "note", "a \"quoted\", comma\\"));
        assertThat(series.get(0).value()).isEqualTo(12.0);
        assertThat(series.get(0).meterName()).isEqualTo("p21.orders");
        assertThat(series.get(1).value()).isInfinite();
        assertThat(series.get(2).meterName()).as("untyped: no suffix dropped").isEqualTo("queue.depth");
        assertThat(series.get(2).value()).isNaN();
    }
}
