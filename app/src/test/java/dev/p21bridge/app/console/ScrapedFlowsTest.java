package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.testing.ManualClock;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console run alone reads the services' own /metrics: the flows show the rates, failures (the webhooks' too) and
 * circuits served there, and nothing rather than zeros while a service does not answer.
 */
class ScrapedFlowsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T16:00:00Z"));
    private final AtomicReference<String> ingressPage = new AtomicReference<>();
    private final AtomicReference<String> sinkPage = new AtomicReference<>();
    private final Javalin services = Javalin.create(cfg -> {
        cfg.startup.showJavalinBanner = false;
        cfg.routes.get("/ingress/metrics", ctx -> answer(ctx, ingressPage.get()));
        cfg.routes.get("/p21-sink/metrics", ctx -> answer(ctx, sinkPage.get()));
    }).start("127.0.0.1", 0);
    private final FlowMonitor monitor = new FlowMonitor(new ConsoleConfig(Duration.ofSeconds(1), Duration.ofMinutes(1),
            "transformer", Map.of("ingress", url("ingress"), "p21-sink", url("p21-sink"))), null, null,
            new DeadLetterStore(new Properties()), clock);

    @AfterEach
    void stop() {
        monitor.close();
        services.stop();
    }

    @Test
    void shouldShowRatesFailuresAndCircuitsFromTheServicesPages() {
        serve(0, 0, 10, 1, 0);
        monitor.sample();
        clock.advance(Duration.ofSeconds(30));
        serve(3, 1, 40, 2, 1);
        monitor.sample();

        FlowView orders = view("p21-orders");
        assertThat(orders.rateFrom()).isEqualTo("metrics");
        assertThat(orders.ratePerMinute()).as("30 orders created in 30 s").isEqualTo(60.0);
        assertThat(orders.failures()).isEqualTo(1);
        assertThat(orders.circuit()).isEqualTo("OPEN");
        FlowView webhooks = view("webhooks-xcart");
        assertThat(webhooks.failures()).as("every rejection of X-Cart's webhooks, of any reason").isEqualTo(4);
        assertThat(view("webhooks-clarity").failures()).isZero();
        assertThat(view("stock").failures()).as("the storefront-sink is not scraped").isNull();
        assertThat(view("stock").rateFrom()).isEqualTo("kafka");
    }

    @Test
    void shouldShowNothingRatherThanZerosWhileAServiceDoesNotAnswer() {
        serve(0, 0, 10, 1, 2);
        monitor.sample();
        sinkPage.set(null);
        clock.advance(Duration.ofSeconds(5));
        monitor.sample();

        assertThat(view("p21-orders").failures()).isNull();
        assertThat(view("p21-orders").circuit()).isNull();
        assertThat(view("webhooks-xcart").failures()).as("the ingress still answers").isZero();

        serve(0, 0, 20, 3, 0);
        clock.advance(Duration.ofSeconds(5));
        monitor.sample();
        assertThat(view("p21-orders").failures()).as("counted again once it answers").isEqualTo(2);
        assertThat(view("p21-orders").circuit()).isEqualTo("CLOSED");
    }

    private void serve(int xcartBadSignatures, int xcartKafkaDown, int created, int failed, int circuit) {
        ingressPage.set("""
                # HELP bridge_webhooks_rejected_total webhooks answered with an error, by reason
                # TYPE bridge_webhooks_rejected_total counter
                bridge_webhooks_rejected_total{reason="signature-mismatch",service="ingress",source="xcart"} %d.0
                bridge_webhooks_rejected_total{reason="kafka-unavailable",service="ingress",source="xcart"} %d.0
                bridge_webhooks_rejected_total{reason="signature-mismatch",service="ingress",source="clarity"} 0.0
                # TYPE bridge_webhooks_accepted_total counter
                bridge_webhooks_accepted_total{event="order.created",service="ingress",source="xcart"} 99.0
                """.formatted(xcartBadSignatures, xcartKafkaDown));
        sinkPage.set("""
                # TYPE p21_orders_total counter
                p21_orders_total{outcome="created",service="p21-sink"} %d.0
                p21_orders_total{outcome="failed",service="p21-sink"} %d.0
                # TYPE p21_circuit_state gauge
                p21_circuit_state{service="p21-sink"} %d.0
                # TYPE jvm_threads_live_threads gauge
                jvm_threads_live_threads{service="p21-sink"} 42.0
                """.formatted(created, failed, circuit));
    }

    private FlowView view(String flow) {
        return monitor.views().stream().filter(view -> view.name().equals(flow)).findFirst().orElseThrow();
    }

    private URI url(String service) {
        return URI.create("http://127.0.0.1:" + services.port() + "/" + service + "/metrics");
    }

    private static void answer(io.javalin.http.Context ctx, String page) {
        if (page == null) {
            ctx.status(503).result("down");
        } else {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(page);
        }
    }
}
