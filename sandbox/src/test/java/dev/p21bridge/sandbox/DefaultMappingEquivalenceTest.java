package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.simulators.clarity.ClaritySimulator;
import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.SignUpRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.transformer.mapping.CompiledMappingSet;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.transformer.mapping.TemplateMapper;
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
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The bundled templates against the Java normalizers they replace, on what the storefront simulators generate: every
 * event of 1,000 checkouts per store (coupons, free shipping, tax-exempt buyers, several lines of one item, declined
 * cards, purchase orders, captures in full and in parts), a cancellation, returns and sign-ups, captured as the
 * ingress would receive them, gives the same canonical record, byte for byte in Avro (or nothing for both: a payment
 * that moved no money).
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
            if (type != null) {
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
                        .withPayment(CheckoutRequest.Payment.MIXED).withCapture(CheckoutRequest.Capture.MIXED));
                store.cancelOrder(ids.get(0));
                expected += ids.size() + 1;
                for (String id : ids.subList(1, 51)) {
                    Order order = store.state().order(id).orElseThrow();
                    if (store.cancelled(order) || !store.paymentStatus(order).matches("(?i)p|paid|full payment received")) {
                        continue;
                    }
                    OrderLine line = order.lines().get(0);
                    store.cash().openReturn(id, new CashDesk.ReturnRequest(List.of(new CashDesk.ReturnRequest.Line(
                            line.sku(), 1)), "Damaged in transit", null, false));
                    expected++;
                }
                for (int i = 0; i < 20; i++) {
                    store.signUp(new SignUpRequest("new.buyer." + i + "@example.com", "New", "Buyer " + i, null, null,
                            "1 Main St", null, "Austin", "TX", "78701"));
                    expected++;
                }
            }
            int wanted = expected;
            // captures come after the orders' own events, at least one per paid card order
            Await.until(Duration.ofSeconds(60), () -> captured.values().stream().mapToInt(List::size).sum() >= wanted
                            && captured.values().stream().allMatch(events -> events.stream()
                                    .anyMatch(e -> e.type().equals("payment.captured"))),
                    () -> "webhooks captured: " + captured.values().stream().mapToInt(List::size).sum() + " of " + wanted);
        } finally {
            server.stop(0);
        }

        TemplateMapper templates = new TemplateMapper(CompiledMappingSet.compile(MappingSet.bundled()),
                SkuCrossReference.none(), DEFAULTS);
        Map<String, Integer> compared = new TreeMap<>();
        for (Map.Entry<String, List<Captured>> store : captured.entrySet()) {
            Source source = store.getKey().equals("xcart") ? Source.XCART : Source.CLARITY;
            StorefrontNormalizer java = source == Source.XCART ? new XCartNormalizer(SkuCrossReference.none(), DEFAULTS)
                    : new ClarityNormalizer(SkuCrossReference.none(), DEFAULTS);
            for (Captured webhook : store.getValue()) {
                RawEvent event = new RawEvent(source, webhook.type(), "e-" + compared.size(), Instant.EPOCH,
                        JSON.readTree(webhook.body()));
                Object expected = canonical(java, event);
                Object mapped = canonical(templates, event);
                assertThat(mapped).as("%s %s", store.getKey(), webhook.type()).isEqualTo(expected);
                compared.merge(webhook.type(), 1, Integer::sum);
            }
        }
        assertThat(compared.get("order.created")).isGreaterThanOrEqualTo(2 * ORDERS);
        assertThat(compared).containsKeys("order.updated", "payment.captured", "return.created", "customer.created");
        assertThat(compared.get("payment.captured")).isGreaterThanOrEqualTo(ORDERS);
        System.out.println("compared, equal byte for byte: " + compared);
    }

    /** The canonical record of the event as Avro bytes (as a list, so equal bytes are equal), or "none". */
    private static Object canonical(StorefrontNormalizer normalizer, RawEvent event) {
        try {
            return switch (event.eventType()) {
                case "order.created", "order.updated" -> bytes(normalizer.order(event).toByteBuffer());
                case "customer.created", "customer.updated" -> bytes(normalizer.customer(event).toByteBuffer());
                case "payment.captured" -> normalizer.payment(event).map(p -> {
                    try {
                        return bytes(p.toByteBuffer());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).orElse(List.of());
                case "return.created" -> bytes(normalizer.returnRequest(event).toByteBuffer());
                default -> throw new IllegalStateException("no canonical record for " + event.eventType());
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Byte> bytes(java.nio.ByteBuffer buffer) {
        List<Byte> bytes = new java.util.ArrayList<>(buffer.remaining());
        while (buffer.hasRemaining()) {
            bytes.add(buffer.get());
        }
        return bytes;
    }
}
