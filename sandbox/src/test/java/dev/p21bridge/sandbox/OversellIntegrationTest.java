package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A burst of storefront orders against little stock, end to end: the storefront never shows more than it has left,
 * however far the bridge's levels lag behind its checkout, and it ends where P21 ends.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OversellIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final String SKU = "GSK-106";
    private static final int STOCK = 100;
    private static final int UNITS_PER_ORDER = 10;
    private static final int ORDERS = 500;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One poll of the storefront: how many orders it had accepted before the read started, and what it showed. */
    private record Seen(int acceptedBefore, int amount) {
    }

    @Test
    void shouldNeverShowANegativeOrOverstatedAmountWhile500OrdersCompeteFor100Units() throws Exception {
        setP21Available(STOCK);
        Await.until(Duration.ofSeconds(60), () -> p21Available() == STOCK && storefrontAmount() == STOCK,
                () -> "P21 " + p21Available() + ", X-Cart " + storefrontAmount());

        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean polling = new AtomicBoolean(true);
        Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> poller = threads.submit(() -> {
                while (polling.get()) {
                    int before = accepted.get();
                    seen.add(new Seen(before, storefrontAmount()));
                }
            });
            List<Future<Integer>> shoppers = new ArrayList<>();
            AtomicInteger left = new AtomicInteger(ORDERS);
            for (int i = 0; i < 2; i++) {
                shoppers.add(threads.submit(() -> {
                    int refused = 0;
                    while (left.getAndDecrement() > 0) {
                        if (checkoutOne()) {
                            accepted.incrementAndGet();
                        } else {
                            refused++;
                        }
                    }
                    return refused;
                }));
            }
            int refused = 0;
            for (Future<Integer> shopper : shoppers) {
                refused += shopper.get();
            }
            assertThat(accepted.get() + refused).isEqualTo(ORDERS);
            assertThat(accepted.get()).isLessThanOrEqualTo(STOCK / UNITS_PER_ORDER);

            // the orders reach P21, P21 allocates them, and the storefront ends where P21 ends
            Await.until(Duration.ofSeconds(90), () -> p21Orders() == accepted.get() && p21Available() == 0
                            && storefrontAmount() == 0,
                    () -> "accepted " + accepted.get() + ", P21 orders " + p21Orders() + ", P21 available "
                            + p21Available() + ", X-Cart " + storefrontAmount());
            polling.set(false);
            poller.get();
        } finally {
            polling.set(false);
            threads.shutdownNow();
        }

        assertThat(seen).isNotEmpty();
        assertThat(seen).allSatisfy(poll -> assertThat(poll.amount())
                .as("X-Cart showed %d after accepting %d orders", poll.amount(), poll.acceptedBefore())
                .isBetween(0, STOCK - UNITS_PER_ORDER * poll.acceptedBefore()));
    }

    /** One order of 10 units through the storefront's checkout; false when the storefront refused it. */
    private static boolean checkoutOne() throws Exception {
        JsonNode answer = post(bridge.system().xcart().url() + "/sim/checkout", "{\"count\":1,\"sku\":\"" + SKU
                + "\",\"quantity\":" + UNITS_PER_ORDER + ",\"redeliveryRate\":0}");
        return answer.path("orders").size() == 1;
    }

    private static int storefrontAmount() {
        return get(bridge.system().xcart().url() + "/sim/products/" + SKU).path("amount").asInt();
    }

    /** P21's first location gets the whole stock, every other none: available = on hand − allocated = stock. */
    private static void setP21Available(int units) throws Exception {
        JsonNode rows = get(bridge.system().p21().url() + "/sim/inventory/" + SKU);
        assertThat(rows.size()).isPositive();
        for (int i = 0; i < rows.size(); i++) {
            post(bridge.system().p21().url() + "/sim/inventory", JSON.writeValueAsString(Map.of("item_id", SKU,
                    "location_id", rows.get(i).path("location_id").asText(), "qty_on_hand", i == 0 ? units : 0)));
        }
    }

    private static int p21Available() {
        int available = 0;
        for (JsonNode row : get(bridge.system().p21().url() + "/sim/inventory/" + SKU)) {
            available += new BigDecimal(row.path("qty_on_hand").asText())
                    .subtract(new BigDecimal(row.path("qty_allocated").asText())).intValue();
        }
        return available;
    }

    private static int p21Orders() {
        int orders = 0;
        for (JsonNode order : get(bridge.system().p21().url() + "/sim/orders")) {
            if (order.path("web_reference_no").asText().startsWith("xcart:")
                    && order.toString().contains("\"" + SKU + "\"")) {
                orders++;
            }
        }
        return orders;
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String url) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
