package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.FreightForwarder;
import dev.p21bridge.simulators.storefront.JsonShape;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.OrderView;
import dev.p21bridge.simulators.storefront.RiskPattern;
import dev.p21bridge.simulators.storefront.RiskyBuyers;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontJson;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The risky mix of {@code POST /sim/checkout} ({@code "risk"}), on X-Cart: what the lead's evaluation relies on. */
class XCartRiskyOrdersTest {

    private static final XCartOrderGenerator RENDERER = new XCartOrderGenerator(0);

    @Test
    void shouldMixInTheAskedShareInThreeAboutEqualPatternsNeverAmongTheFirstFivePercent() {
        try (XCartSimulator xcart = simulator(7)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(1_000).withRisk(0.03));

            assertThat(result.orders()).hasSize(1_000);
            assertThat(result.risky()).hasSizeBetween(28, 30);
            Map<RiskPattern, Long> perPattern = result.risky().values().stream()
                    .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
            assertThat(perPattern.keySet()).containsExactlyInAnyOrder(RiskPattern.values());
            perPattern.forEach((pattern, n) -> assertThat(n).as("%s orders", pattern).isBetween(7L, 13L));
            assertThat(result.orders().subList(0, 50)).doesNotContainAnyElementsOf(result.risky().keySet());
            for (String id : result.orders()) {
                assertThat(order(xcart, id).risk().pattern()).as("pattern of %s", id)
                        .isEqualTo(result.risky().get(id));
            }
        }
    }

    @Test
    void shouldPlaceNoRiskyOrderWithoutRisk() {
        try (XCartSimulator xcart = simulator(7)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(300));

            assertThat(result.risky()).isEmpty();
            assertThat(orders(xcart, result)).allSatisfy(o -> assertThat(o.risk().pattern()).isNull());
        }
    }

    @Test
    void shouldDrawTheSameMixForTheSameSeedAndAnotherForAnotherSeed() {
        try (XCartSimulator first = simulator(11); XCartSimulator again = simulator(11);
             XCartSimulator other = simulator(12)) {
            CheckoutRequest request = CheckoutRequest.of(400).withRisk(0.1);
            CheckoutResult one = first.checkoutWithReport(request);
            CheckoutResult two = again.checkoutWithReport(request);

            assertThat(two.risky()).isEqualTo(one.risky());
            assertThat(other.checkoutWithReport(request).risky()).isNotEqualTo(one.risky());
            for (String id : one.orders()) {
                Order a = order(first, id);
                Order b = order(again, id);
                assertThat(b.risk()).isEqualTo(a.risk());
                assertThat(b.customer()).isEqualTo(a.customer());
                assertThat(b.total()).isEqualTo(a.total());
            }
        }
    }

    @Test
    void shouldRunCardTestsInBurstsFromOneNewIpAndEmailWithADifferentCardOnEachCheapOrder() {
        try (XCartSimulator xcart = simulator(3)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(1_000).withRisk(0.1));
            List<List<Order>> runs = cardTestingRuns(xcart, result);
            Set<String> normalIps = new HashSet<>();
            Set<String> normalEmails = new HashSet<>();
            orders(xcart, result).stream().filter(o -> o.risk().pattern() == null).forEach(o -> {
                normalIps.add(o.risk().clientIp());
                normalEmails.add(o.customer().email());
            });

            assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
            Set<String> runIps = new HashSet<>();
            for (List<Order> run : runs) {
                assertThat(run).hasSizeBetween(6, 10);
                assertThat(run).extracting(o -> o.risk().clientIp()).containsOnly(run.get(0).risk().clientIp());
                assertThat(run).extracting(o -> o.customer().email()).containsOnly(run.get(0).customer().email());
                assertThat(run).extracting(o -> o.risk().cardFingerprint()).doesNotHaveDuplicates()
                        .allMatch(fp -> fp.matches("fp_[0-9a-f]{16}"));
                for (Order order : run) {
                    assertThat(order.lines()).hasSize(1);
                    OrderLine line = order.lines().get(0);
                    assertThat(line.amount()).isLessThan(new BigDecimal("40"));
                    assertThat(order.purchaseOrder()).isFalse();
                    assertThat(order.paymentMethod()).isEqualTo("Credit Card");
                }
                String email = run.get(0).customer().email();
                assertThat(email).matches("[a-z0-9]{8,11}@[a-z0-9.]+");
                assertThat(normalEmails).doesNotContain(email);
                assertThat(normalIps).doesNotContain(run.get(0).risk().clientIp());
                runIps.add(run.get(0).risk().clientIp());
            }
            assertThat(runIps).as("a new IP per run").hasSize(runs.size());
            assertThat(runs).extracting(run -> run.get(0).customer().email().split("@")[1])
                    .anyMatch(RiskyBuyers.DISPOSABLE_DOMAINS::contains);
        }
    }

    @Test
    void shouldShipReshipperOrdersToAForwarderUsedBySeveralBuyersBilledAbroad() {
        try (XCartSimulator xcart = simulator(5)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(1_000).withRisk(0.1));
            Map<FreightForwarder, Set<String>> buyers = new HashMap<>();

            List<Order> reshippers = patterned(xcart, result, RiskPattern.RESHIPPER);
            assertThat(reshippers).hasSizeGreaterThanOrEqualTo(25);
            for (Order order : reshippers) {
                JsonNode json = RENDERER.orderJson(order);
                JsonNode ship = json.path("shipping_address");
                FreightForwarder forwarder = FreightForwarder.ADDRESSES.stream()
                        .filter(f -> f.line1().equals(ship.path("street").asText())
                                && f.city().equals(ship.path("city").asText())
                                && f.region().equals(ship.path("state").asText())
                                && f.postalCode().equals(ship.path("zipcode").asText())
                                && f.country().equals(ship.path("country").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError("not a forwarder: " + ship));
                assertThat(json.path("billing_address").path("country").asText()).isNotEqualTo("US");
                assertThat(json.path("billing_address").path("firstname").asText()).isNotBlank();
                assertThat(order.customer().email()).matches("[a-z.-]+[0-9]*@[a-z]+\\.com");
                assertThat(order.purchaseOrder()).isFalse();
                buyers.computeIfAbsent(forwarder, f -> new HashSet<>()).add(order.customer().email());
            }
            assertThat(buyers).hasSize(3);
            buyers.forEach((forwarder, emails) -> assertThat(emails).as("buyers at %s", forwarder)
                    .hasSizeGreaterThanOrEqualTo(3));
        }
    }

    @Test
    void shouldMakeHighValueFirstOrdersAtLeastFiveTimesTheMedianOrderBilledInTheUsAndShippedAbroad() {
        try (XCartSimulator xcart = simulator(9)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(1_000).withRisk(0.03));
            List<BigDecimal> normalTotals = orders(xcart, result).stream().filter(o -> o.risk().pattern() == null)
                    .map(Order::total).sorted().toList();
            BigDecimal median = normalTotals.get(normalTotals.size() / 2);
            Set<Integer> earlierCustomers = new HashSet<>();

            List<Order> highValue = patterned(xcart, result, RiskPattern.HIGH_VALUE_ABROAD);
            assertThat(highValue).hasSizeGreaterThanOrEqualTo(7);
            for (Order order : orders(xcart, result)) {
                if (order.risk().pattern() == RiskPattern.HIGH_VALUE_ABROAD) {
                    assertThat(order.total()).as("total of %s", order.id())
                            .isGreaterThanOrEqualTo(median.multiply(BigDecimal.valueOf(5)));
                    assertThat(earlierCustomers).as("a new buyer").doesNotContain(order.customer().index());
                    assertThat(order.customer().billing().country()).isEqualTo("US");
                    assertThat(order.customer().shipping().country()).isNotEqualTo("US");
                    assertThat(order.purchaseOrder()).isFalse();
                    assertThat(order.lines()).allSatisfy(line -> assertThat(line.quantity()).isGreaterThanOrEqualTo(1));
                }
                earlierCustomers.add(order.customer().index());
            }
        }
    }

    @Test
    void shouldFlagAFifthOfTheRiskyOrdersAndAFewNormalOnesForReview() {
        try (XCartSimulator xcart = simulator(13)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(3_000).withRisk(0.1));
            List<Order> orders = orders(xcart, result);

            long riskyFlagged = orders.stream().filter(o -> o.risk().pattern() != null && o.risk().fraudCheck() != null)
                    .count();
            long normalFlagged = orders.stream().filter(o -> o.risk().pattern() == null && o.risk().fraudCheck() != null)
                    .count();
            assertThat(riskyFlagged).isEqualTo(Math.round(result.risky().size() * 0.2));
            assertThat(normalFlagged).as("false flags among %s normal orders", 3_000 - result.risky().size())
                    .isBetween(1L, 25L);
            assertThat(orders).filteredOn(o -> o.risk().fraudCheck() != null).allSatisfy(o -> {
                assertThat(o.risk().fraudCheck().status()).isEqualTo("review");
                assertThat(o.risk().fraudCheck().score()).isBetween(60, 90);
            });
        }
    }

    @Test
    void shouldGiveEachCustomerOneIpAndOneCardAndShipNormalOrdersInTheBillingCountry() {
        try (XCartSimulator xcart = simulator(17)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(600).withRisk(0.05));
            Map<Integer, Set<String>> ips = new HashMap<>();
            Map<Integer, Set<String>> cards = new HashMap<>();

            for (Order order : orders(xcart, result)) {
                if (order.risk().pattern() != null) {
                    continue;
                }
                int customer = order.customer().index();
                ips.computeIfAbsent(customer, c -> new HashSet<>()).add(order.risk().clientIp());
                if (order.purchaseOrder()) {
                    assertThat(order.risk().cardFingerprint()).as("a purchase order's card").isNull();
                } else {
                    cards.computeIfAbsent(customer, c -> new HashSet<>()).add(order.risk().cardFingerprint());
                }
                assertThat(order.risk().clientIp()).matches("\\d{1,3}(\\.\\d{1,3}){3}");
                assertThat(order.customer().billing().country()).isEqualTo("US")
                        .isEqualTo(order.customer().shipping().country());
            }
            assertThat(ips.values()).allSatisfy(set -> assertThat(set).hasSize(1));
            assertThat(cards.values()).allSatisfy(set -> assertThat(set).hasSize(1)
                    .allMatch(fp -> fp.matches("fp_[0-9a-f]{16}")));
            assertThat(ips.keySet()).hasSizeGreaterThan(50);
            assertThat(ips.values().stream().map(set -> set.iterator().next()).distinct().count())
                    .as("distinct IPs").isGreaterThan(ips.size() * 9L / 10);
        }
    }

    @Test
    void shouldCarryTheIpTheCardAndTheGatewaysFlagInTheOrderPayload() {
        try (XCartSimulator xcart = simulator(13)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(1_000).withRisk(0.1));

            for (Order order : orders(xcart, result)) {
                JsonNode json = RENDERER.orderJson(order);
                assertThat(json.path("ip_address").asText()).isEqualTo(order.risk().clientIp());
                JsonNode transaction = json.path("payment_transactions").get(0);
                if (order.purchaseOrder()) {
                    assertThat(transaction.has("card_fingerprint")).isFalse();
                } else {
                    assertThat(transaction.path("card_fingerprint").asText()).matches("fp_[0-9a-f]{16}");
                }
                if (order.risk().fraudCheck() == null) {
                    assertThat(json.has("fraud_check")).isFalse();
                } else {
                    assertThat(json.path("fraud_check").path("status").asText()).isEqualTo("review");
                    assertThat(json.path("fraud_check").path("score").isInt()).isTrue();
                }
            }
        }
    }

    @Test
    void shouldAnnounceEachRiskyBuyerOnceAndSendTheRiskFieldsWithEveryOrderCreated() throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver("xcart-dev-secret");
             XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                     .withWebhookUrl(receiver.url("xcart")).withSeed(3))) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(300).withRates(0.0, 0).withRisk(0.1));
            List<JsonNode> created = new ArrayList<>();
            List<JsonNode> customers = new ArrayList<>();
            for (RecordingWebhookReceiver.Delivery delivery : receiver.deliveries()) {
                JsonNode body = StorefrontJson.mapper().readTree(delivery.body());
                (delivery.event().equals("order.created") ? created : customers).add(body);
            }

            assertThat(created).hasSize(300).allSatisfy(order -> {
                assertThat(order.path("ip_address").asText()).matches("\\d{1,3}(\\.\\d{1,3}){3}");
                JsonShape.assertSameShape(JsonShape.sample("xcart/order.created.json"), order, "order");
            });
            Set<String> testerEmails = patterned(xcart, result, RiskPattern.CARD_TESTING).stream()
                    .map(o -> o.customer().email()).collect(Collectors.toSet());
            assertThat(testerEmails).isNotEmpty();
            for (String email : testerEmails) {
                assertThat(customers).filteredOn(c -> c.path("email").asText().equals(email)).hasSize(1);
            }
            assertThat(customers).filteredOn(c -> c.path("email").asText().contains("@")).allSatisfy(c ->
                    JsonShape.assertSameShape(JsonShape.sample("xcart/customer.created.json"), c, "customer"));
        }
    }

    @Test
    void shouldAnswerTheTruthOverHttpAndRefuseABadRiskNamingIt() {
        try (XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                .withWebhookUrl(null).withSeed(21))) {
            xcart.start();
            SimHttp http = new SimHttp(xcart.url());

            SimHttp.Answer answer = http.call("POST", "/sim/checkout", "{\"count\": 400, \"risk\": {\"share\": 0.05}}");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode risky = answer.json().path("risky");
            assertThat(risky.size()).isEqualTo(20);
            String id = risky.fieldNames().next();
            assertThat(risky.path(id).asText()).isIn("card-testing", "reshipper", "high-value-abroad");
            assertThat(http.get("/sim/orders/" + id).json().path("risk_pattern").asText())
                    .isEqualTo(risky.path(id).asText());
            String normal = answer.json().path("orders").get(0).asText();
            assertThat(http.get("/sim/orders/" + normal).json().has("risk_pattern")).isFalse();
            assertThat(http.call("POST", "/sim/checkout", "{\"count\": 3}").json().has("risky")).isFalse();

            Map<String, String> refused = Map.of(
                    "{\"count\": 10, \"risk\": 0.03}", "risk must be an object",
                    "{\"count\": 10, \"risk\": {\"share\": 0.7}}", "risk.share must lie in [0, 0.5], got 0.7",
                    "{\"count\": 10, \"risk\": {\"share\": -0.1}}", "risk.share must lie in [0, 0.5]",
                    "{\"count\": 10, \"risk\": {\"share\": \"3%\"}}", "risk.share must be a number",
                    "{\"count\": 10, \"risk\": {}}", "risk.share must be a number",
                    "{\"count\": 10, \"sku\": \"HX-4410\", \"risk\": {\"share\": 0.1}}", "risk cannot be combined with sku");
            refused.forEach((body, message) -> {
                SimHttp.Answer bad = http.call("POST", "/sim/checkout", body);
                assertThat(bad.status()).as(body).isEqualTo(400);
                assertThat(bad.json().path("error").asText()).as(body).contains(message);
            });
        }
    }

    @Test
    void shouldKeepTheRiskOfEveryOrderAndItsCountriesAcrossARestart(@TempDir Path dataDir) {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir).withSeed(31);
        Map<String, Order> before = new HashMap<>();
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(200).withRisk(0.2));
            orders(xcart, result).forEach(order -> before.put(order.id(), order));
        }

        try (XCartSimulator xcart = new XCartSimulator(config)) {
            before.forEach((id, order) -> {
                Order after = order(xcart, id);
                assertThat(after.risk()).isEqualTo(order.risk());
                assertThat(after.customer().billing()).isEqualTo(order.customer().billing());
                assertThat(after.customer().shipping()).isEqualTo(order.customer().shipping());
            });
            assertThat(before.values()).anyMatch(o -> !o.customer().shipping().country().equals("US"));
        }
    }

    /** The card-testing orders, in runs of consecutive orders of one buyer. */
    private static List<List<Order>> cardTestingRuns(XCartSimulator xcart, CheckoutResult result) {
        List<List<Order>> runs = new ArrayList<>();
        List<Order> current = new ArrayList<>();
        for (Order order : orders(xcart, result)) {
            boolean testing = order.risk().pattern() == RiskPattern.CARD_TESTING;
            if (!current.isEmpty() && (!testing || !order.customer().email().equals(current.get(0).customer().email()))) {
                runs.add(current);
                current = new ArrayList<>();
            }
            if (testing) {
                current.add(order);
            }
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    private static List<Order> patterned(XCartSimulator xcart, CheckoutResult result, RiskPattern pattern) {
        return orders(xcart, result).stream().filter(o -> o.risk().pattern() == pattern).toList();
    }

    private static List<Order> orders(XCartSimulator xcart, CheckoutResult result) {
        return result.orders().stream().map(id -> order(xcart, id)).toList();
    }

    private static Order order(XCartSimulator xcart, String id) {
        return xcart.order(id).map(OrderView::order).orElseThrow();
    }

    private static XCartSimulator simulator(long seed) {
        return new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)
                .withSeed(seed));
    }
}
