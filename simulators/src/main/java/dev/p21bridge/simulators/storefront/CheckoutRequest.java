package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * What {@code POST /sim/checkout} asks for. Only {@code count} is part of docs/contract.md, section 'Simulators'; the
 * rest is this simulator's documented extension:
 *
 * <ul>
 *   <li>{@code redeliveryRate}: fraction of events sent a second time with the same {@code X-Webhook-Id}
 *       ({@code null}: the simulator's configured rate);</li>
 *   <li>{@code duplicateCreateRate}: fraction of orders whose {@code order.created} is sent again under a new event
 *       id, as a buggy storefront plugin does;</li>
 *   <li>{@code minLines}/{@code maxLines}: lines per order (JSON {@code "lines": {"min": 1, "max": 40}});</li>
 *   <li>{@code sku} + {@code quantity}: every order is one line of that SKU (quantity alone fixes every line's);</li>
 *   <li>{@code customers}: how many distinct customers orders are drawn from;</li>
 *   <li>{@code capture}: {@code "none"} only authorizes card orders (the caller captures later), {@code "mixed"}
 *       authorizes them and then captures as a store does (see {@link Capture#MIXED}); absent ({@code null}), card
 *       orders are paid at checkout and no {@code payment.captured} is sent, the original behaviour;</li>
 *   <li>{@code payment}: {@code "declined"} makes every order a card order whose payment is declined,
 *       {@code "mixed"} declines a realistic share of card orders (see {@link Payment#MIXED}); absent
 *       ({@code null}), no payment is declined, the original behaviour;</li>
 *   <li>{@code commitDelayMs}: every order's creation is committed this long after its timestamp, as a slow
 *       database transaction does: the order list of the store's API shows it only then (0, the default: at once).
 *       What a poller must survive: an order that appears in the list with a change time already behind it.</li>
 *   <li>{@code riskShare} (JSON {@code "risk": {"share": 0.03}}): about that share of the orders, 0 to
 *       {@value #MAX_RISK_SHARE}, imitate fraud ({@link RiskPattern}, docs/simulators.md 'Risky orders'); 0, the
 *       default, places none, the original behaviour. Not with {@code sku}: risky orders draw their own carts.</li>
 * </ul>
 */
public record CheckoutRequest(int count, Double redeliveryRate, double duplicateCreateRate, int minLines, int maxLines,
                              String sku, Integer quantity, int customers, Capture capture, Payment payment,
                              Duration commitDelay, double riskShare) {

    /** What the store does with a card order's money after checkout. Purchase orders are never captured by it. */
    public enum Capture {
        /** Authorized only; {@code POST /sim/orders/{id}/capture} captures. */
        NONE,
        /**
         * Authorized, then captured right after checkout: about 85% in full after {@code order.created}, 10% in two
         * parts (a random 30-70% first, then the rest), 5% in full with {@code payment.captured} delivered before
         * {@code order.created}. Drawn per order from the seed, so order {@code n} is captured the same way again.
         */
        MIXED
    }

    /**
     * Whether the card is declined at checkout. A declined order is announced ({@code order.created} with X-Cart
     * payment status {@code D}, Clarity payment status {@code Declined}) but never captured, and the store does not
     * count its goods as sold.
     */
    public enum Payment {
        /** Every order is a card order, and its payment is declined. */
        DECLINED,
        /**
         * About 2% of card orders are declined, as card payments are in real stores; purchase orders never are.
         * Drawn per order from the seed, so order {@code n} is declined again for the same seed.
         */
        MIXED
    }

    public static final int MAX_COUNT = 100_000;
    public static final int MAX_LINES = 100;
    public static final int DEFAULT_CUSTOMERS = 250;
    public static final Duration MAX_COMMIT_DELAY = Duration.ofMinutes(10);
    public static final double MAX_RISK_SHARE = 0.5;

    /** A request with no risky order (no {@code risk}). */
    public CheckoutRequest(int count, Double redeliveryRate, double duplicateCreateRate, int minLines, int maxLines,
                           String sku, Integer quantity, int customers, Capture capture, Payment payment,
                           Duration commitDelay) {
        this(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity, customers, capture, payment,
                commitDelay, 0);
    }

    /** A request whose orders are committed at once. */
    public CheckoutRequest(int count, Double redeliveryRate, double duplicateCreateRate, int minLines, int maxLines,
                           String sku, Integer quantity, int customers, Capture capture, Payment payment) {
        this(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity, customers, capture, payment,
                Duration.ZERO);
    }

    /** A request with the original payment behaviour (no {@code capture}). */
    public CheckoutRequest(int count, Double redeliveryRate, double duplicateCreateRate, int minLines, int maxLines,
                           String sku, Integer quantity, int customers) {
        this(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity, customers, null, null);
    }

    /** A request with no payment declined (no {@code payment}). */
    public CheckoutRequest(int count, Double redeliveryRate, double duplicateCreateRate, int minLines, int maxLines,
                           String sku, Integer quantity, int customers, Capture capture) {
        this(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity, customers, capture, null);
    }

    public CheckoutRequest {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must lie in 1.." + MAX_COUNT + ", got " + count);
        }
        if (redeliveryRate != null && (redeliveryRate < 0 || redeliveryRate > 1)) {
            throw new IllegalArgumentException("redeliveryRate must lie in [0, 1], got " + redeliveryRate);
        }
        if (duplicateCreateRate < 0 || duplicateCreateRate > 1) {
            throw new IllegalArgumentException("duplicateCreateRate must lie in [0, 1], got " + duplicateCreateRate);
        }
        if (minLines < 1 || maxLines < minLines || maxLines > MAX_LINES) {
            throw new IllegalArgumentException("lines must satisfy 1 <= min <= max <= " + MAX_LINES + ", got "
                    + minLines + ".." + maxLines);
        }
        if (sku != null && sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (quantity != null && (quantity < 1 || quantity > 1_000_000)) {
            throw new IllegalArgumentException("quantity must lie in 1..1000000, got " + quantity);
        }
        if (customers < 1 || customers > 1_000_000) {
            throw new IllegalArgumentException("customers must lie in 1..1000000, got " + customers);
        }
        commitDelay = commitDelay == null ? Duration.ZERO : commitDelay;
        if (commitDelay.isNegative() || commitDelay.compareTo(MAX_COMMIT_DELAY) > 0) {
            throw new IllegalArgumentException("commitDelayMs must lie in 0.." + MAX_COMMIT_DELAY.toMillis() + ", got "
                    + commitDelay.toMillis());
        }
        if (!(riskShare >= 0 && riskShare <= MAX_RISK_SHARE)) {
            throw new IllegalArgumentException("risk.share must lie in [0, " + MAX_RISK_SHARE + "], got " + riskShare);
        }
        if (riskShare > 0 && sku != null) {
            throw new IllegalArgumentException("risk cannot be combined with sku: risky orders draw their own carts");
        }
    }

    /** {@code count} realistic orders with every other setting at its default. */
    public static CheckoutRequest of(int count) {
        return new CheckoutRequest(count, null, 0, 1, 40, null, null, DEFAULT_CUSTOMERS);
    }

    /** Every order one line of {@code sku} × {@code quantity}, for stock tests. */
    public static CheckoutRequest ofSku(int count, String sku, int quantity) {
        return new CheckoutRequest(count, null, 0, 1, 1, sku, quantity, DEFAULT_CUSTOMERS);
    }

    public CheckoutRequest withRates(Double newRedeliveryRate, double newDuplicateCreateRate) {
        return new CheckoutRequest(count, newRedeliveryRate, newDuplicateCreateRate, minLines, maxLines, sku, quantity,
                customers, capture, payment, commitDelay, riskShare);
    }

    public CheckoutRequest withCustomers(int newCustomers) {
        return new CheckoutRequest(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity,
                newCustomers, capture, payment, commitDelay, riskShare);
    }

    public CheckoutRequest withCapture(Capture newCapture) {
        return new CheckoutRequest(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity,
                customers, newCapture, payment, commitDelay, riskShare);
    }

    public CheckoutRequest withPayment(Payment newPayment) {
        return new CheckoutRequest(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity,
                customers, capture, newPayment, commitDelay, riskShare);
    }

    /** Every order committed {@code delay} after its timestamp (see the class comment). */
    public CheckoutRequest withCommitDelay(Duration delay) {
        return new CheckoutRequest(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity,
                customers, capture, payment, delay, riskShare);
    }

    /**
     * About {@code share} of the orders risky (see {@link RiskPattern}); 0 none. The answer's
     * {@link CheckoutResult#risky()} says which and how.
     */
    public CheckoutRequest withRisk(double share) {
        return new CheckoutRequest(count, redeliveryRate, duplicateCreateRate, minLines, maxLines, sku, quantity,
                customers, capture, payment, commitDelay, share);
    }

    /** Reads the request body; any wrong field is an {@link IllegalArgumentException} naming it. */
    public static CheckoutRequest fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object like {\"count\": 10}");
        }
        JsonNode lines = body.path("lines");
        if (!lines.isMissingNode() && !lines.isNull() && !lines.isObject()) {
            throw new IllegalArgumentException("lines must be an object like {\"min\": 1, \"max\": 40}");
        }
        Integer min = integer(lines, "min", "lines.min");
        Integer max = integer(lines, "max", "lines.max");
        JsonNode sku = body.path("sku");
        if (!sku.isMissingNode() && !sku.isNull() && !sku.isTextual()) {
            throw new IllegalArgumentException("sku must be a string");
        }
        Integer count = integer(body, "count", "count");
        if (count == null) {
            throw new IllegalArgumentException("count is required, e.g. {\"count\": 10}");
        }
        Double redelivery = rate(body, "redeliveryRate");
        Double duplicates = rate(body, "duplicateCreateRate");
        Integer customers = integer(body, "customers", "customers");
        String skuText = sku.isTextual() ? sku.asText() : null;
        int minLines = min == null ? 1 : min;
        int maxLines = max == null ? Math.max(minLines, skuText == null ? 40 : 1) : max;
        return new CheckoutRequest(count, redelivery, duplicates == null ? 0 : duplicates, minLines, maxLines, skuText,
                integer(body, "quantity", "quantity"), customers == null ? DEFAULT_CUSTOMERS : customers,
                capture(body), payment(body), commitDelay(body), riskShare(body));
    }

    /** {@code "risk": {"share": 0.03}}; absent or null: no risky order. */
    private static double riskShare(JsonNode body) {
        JsonNode risk = body.path("risk");
        if (risk.isMissingNode() || risk.isNull()) {
            return 0;
        }
        if (!risk.isObject()) {
            throw new IllegalArgumentException("risk must be an object like {\"share\": 0.03}, got " + risk);
        }
        JsonNode share = risk.path("share");
        if (!share.isNumber()) {
            throw new IllegalArgumentException("risk.share must be a number in [0, " + MAX_RISK_SHARE + "], got "
                    + (share.isMissingNode() ? "nothing" : share));
        }
        return share.asDouble();
    }

    private static Duration commitDelay(JsonNode body) {
        Integer millis = integer(body, "commitDelayMs", "commitDelayMs");
        return millis == null ? Duration.ZERO : Duration.ofMillis(millis);
    }

    private static Payment payment(JsonNode body) {
        JsonNode value = body.path("payment");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return switch (value.isTextual() ? value.asText() : "") {
            case "declined" -> Payment.DECLINED;
            case "mixed" -> Payment.MIXED;
            default -> throw new IllegalArgumentException("payment must be \"declined\" or \"mixed\", got " + value);
        };
    }

    private static Capture capture(JsonNode body) {
        JsonNode value = body.path("capture");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return switch (value.isTextual() ? value.asText() : "") {
            case "none" -> Capture.NONE;
            case "mixed" -> Capture.MIXED;
            default -> throw new IllegalArgumentException("capture must be \"none\" or \"mixed\", got " + value);
        };
    }

    private static Integer integer(JsonNode node, String field, String label) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() % 1 != 0 || !value.canConvertToInt()) {
            throw new IllegalArgumentException(label + " must be a whole number, got " + value);
        }
        return value.asInt();
    }

    private static Double rate(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number in [0, 1], got " + value);
        }
        return value.asDouble();
    }
}
