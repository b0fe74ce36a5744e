package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.simulators.clarity.ClaritySimulator;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.transformer.mapping.CompiledMappingSet;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.transformer.mapping.TemplateOrderMapper;
import dev.p21bridge.transformer.normalize.ClarityNormalizer;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.StorefrontNormalizer;
import dev.p21bridge.transformer.normalize.XCartNormalizer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The bundled templates against the Java normalizers they replace, on what the storefront simulators generate: every
 * {@code order.created} and {@code order.updated} of 1,000 checkouts per store (coupons, free shipping, tax-exempt
 * buyers, several lines of one item, declined cards, purchase orders) and of their edits and cancellations, captured
 * as the ingress would receive them, gives the same canonical order, byte for byte in Avro.
 */
class DefaultMappingEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final P21Defaults DEFAULTS = new P21Defaults("10", "20", "WEB", 1);
    private static final int ORDERS = 1_000;

    /** A webhook as captured: its type and body. */
    private record Captured(String type, byte[] body) {
    }

    @Test
    void shouldMakeTheSameCanonicalOrdersAsTheJavaNormalizersForEveryGeneratedOrder() throws Exception {
        Map<String, List<Captured>> captured = Map.of("xcart", new CopyOnWriteArrayList<>(),
                "clarity", new CopyOnWriteArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String store = exchange.getRequestURI().getPath().substring(1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("X-Webhook-Event");
            if (type != null && type.startsWith("order.")) {
                captured.get(store).add(new Captured(type, body));
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        try (XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                .withWebhookUrl(base.resolve("xcart")).withRedeliveryRate(0));
             ClaritySimulator clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                     .withWebhookUrl(base.resolve("clarity")).withRedeliveryRate(0))) {
            int expected = 0;
            for (StorefrontSimulator store : List.of(xcart, clarity)) {
                List<String> ids = store.checkout(CheckoutRequest.of(ORDERS).withRates(0.0, 0)
                        .withPayment(CheckoutRequest.Payment.MIXED));
                store.cancelOrder(ids.get(0));
                expected += ids.size() + 1;
            }
            int wanted = expected;
            Await.until(Duration.ofSeconds(60), () -> captured.values().stream().mapToInt(List::size).sum() >= wanted,
                    () -> "webhooks captured: " + captured.values().stream().mapToInt(List::size).sum() + " of " + wanted);
        } finally {
            server.stop(0);
        }

        TemplateOrderMapper templates = new TemplateOrderMapper(CompiledMappingSet.compile(MappingSet.bundled()),
                SkuCrossReference.none(), DEFAULTS);
        int compared = 0;
        for (Map.Entry<String, List<Captured>> store : captured.entrySet()) {
            Source source = store.getKey().equals("xcart") ? Source.XCART : Source.CLARITY;
            StorefrontNormalizer java = source == Source.XCART ? new XCartNormalizer(SkuCrossReference.none(), DEFAULTS)
                    : new ClarityNormalizer(SkuCrossReference.none(), DEFAULTS);
            for (Captured webhook : store.getValue()) {
                RawEvent event = new RawEvent(source, webhook.type(), "e-" + compared, Instant.EPOCH,
                        JSON.readTree(webhook.body()));
                Order expectedOrder = java.order(event);
                Order mapped = templates.order(event).order();
                assertThat(bytes(mapped)).as("%s %s: %s", store.getKey(), webhook.type(), mapped)
                        .isEqualTo(bytes(expectedOrder));
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(2 * ORDERS + 2);
    }

    private static byte[] bytes(Order order) {
        try {
            return order.toByteBuffer().array();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
