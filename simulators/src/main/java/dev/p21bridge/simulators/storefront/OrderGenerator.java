package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Draws realistic orders and renders them in one storefront's webhook shape. The drawing is shared (customers, SKUs
 * from the storefront's own catalogue and prices, quantities, tax per line, shipping, coupons); the shape is each
 * source's. Order {@code n} is the same for the same seed, prices, catalogue and stock.
 *
 * <p>Totals add up to the cent: every amount is rounded HALF_UP to 2 decimals before it is summed, so
 * {@code sum(qty x price) + tax + shipping - discount = total} holds exactly.
 *
 * <p>What makes an order hard to book in P21 comes up in realistic shares: percent coupons (15%), free-shipping
 * coupons (10% of the rest), tax-exempt trade buyers (one company in five, with a resale certificate) and one item on
 * two lines (12% of orders, as variants or personalisation make it). These extras are drawn from a second random
 * stream, so every other part of order {@code n} is what it was before they existed.
 *
 * <p>With {@link CheckoutRequest.Payment#MIXED}, 2% of card orders are declined, drawn from a third stream; with
 * {@link CheckoutRequest.Payment#DECLINED} every order is a declined card order.
 *
 * <p>Every order carries the shopper's IP and, paid by card, the card's fingerprint: a customer's own, the same on
 * each of its orders ({@link ClientSignals}). A checkout asking for {@code risk} mixes in risky orders
 * ({@link RiskyMix}, {@link RiskyOrders}).
 */
public abstract class OrderGenerator {

    private record ShippingMethod(String name, String base, String perLine) {
    }

    private static final ShippingMethod[] SHIPPING = {
        new ShippingMethod("UPS Ground", "14.50", "0.75"), new ShippingMethod("UPS Ground", "14.50", "0.75"),
        new ShippingMethod("FedEx 2Day", "18.00", "1.25"), new ShippingMethod("UPS Next Day Air", "42.75", "2.10"),
        new ShippingMethod("LTL Freight", "95.00", "0"), new ShippingMethod("Will Call", "0", "0"),
    };
    private static final String[][] COUPONS = {{"FALL10", "10"}, {"SAVE5", "5"}, {"CONTRACTOR15", "15"}};
    /** The coupon that takes the shipping off instead of a percentage. */
    public static final String FREE_SHIPPING_COUPON = "FREESHIP";
    private static final int FREE_SHIPPING_PERCENT = 10;
    private static final int REPEATED_ITEM_PERCENT = 12;
    private static final int TAX_EXEMPT_ONE_COMPANY_IN = 5;
    /** Card payments declined in a mixed checkout, per thousand: a few percent is what card processors report. */
    static final int DECLINED_PER_MILLE = 20;
    private static final int[] QUANTITIES = {1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 10, 12, 12, 20, 24, 25, 40, 48, 50, 100};
    private static final String[] NOTES = {null, null, null, "Leave at dock 4", "Call before delivery",
        "Deliver to rear entrance", "Job site: ask for the foreman"};
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final long seed;
    private final CustomerPool customers;
    private final ClientSignals signals;
    private final RiskyOrders riskyOrders;

    protected OrderGenerator(long seed) {
        this.seed = seed;
        this.customers = new CustomerPool(seed);
        this.signals = new ClientSignals(seed);
        this.riskyOrders = new RiskyOrders(seed, signals);
    }

    /** The storefront's id for its {@code number}th order. */
    public abstract String orderId(long number);

    /** The status of a cancelled order: X-Cart's shipping code {@code C}, Clarity's {@code Voided}. */
    public abstract String cancelledStatus();

    /** The status a new order has: X-Cart's shipping code {@code N}, Clarity's {@code Pending}. */
    public abstract String initialStatus();

    /** The {@code order.created} body, also the base of the API's order resource. */
    public abstract ObjectNode orderJson(Order order);

    /** The {@code customer.created} body for a customer first seen at {@code created}. */
    public abstract ObjectNode customerJson(Customer customer, Instant created);

    /** The {@code customer.updated} body: the customer as it is now, with the time of its last change. */
    public abstract ObjectNode customerUpdatedJson(StorefrontCustomer customer);

    /** The order's payment status as this storefront names it: X-Cart's code ({@code P}), Clarity's name. */
    public abstract String paymentStatus(Order order);

    /** The {@code payment.captured} body of a capture or refund of {@code order}. */
    public abstract ObjectNode paymentJson(Order order, PaymentTransaction payment);

    /** The {@code return.created} body of a return opened on {@code order}. */
    public abstract ObjectNode returnJson(Order order, OrderReturn opened);

    /** The storefront's id of its {@code number}th payment transaction. */
    public abstract String transactionId(long number);

    /** The storefront's id of its {@code number}th return. */
    public abstract String returnId(long number);

    /** The number of the return with this id; empty when the id is not one this storefront gives. */
    public abstract java.util.OptionalLong returnNumber(String returnId);

    /**
     * The random stream of what the store does with order {@code number}'s money after checkout (which capture plan,
     * how large a first part): the same for the same seed, and apart from the streams that draw the order.
     */
    Random cashRandom(long number) {
        return new Random(seed ^ (number * 0xD6E8FEB86659FD93L) ^ 0x2545F4914F6CDD1DL);
    }

    /** The payment processor's reference of transaction {@code number}, e.g. {@code ch_…}: repeatable per seed. */
    public String processorReference(String prefix, long number) {
        return reference(prefix, new Random(seed ^ (number * 0x9FB21C651E98DF25L)));
    }

    /** How this storefront spells a catalogue SKU on an order line; Clarity's users are careless. */
    protected String skuAsSent(String sku, Random random) {
        return sku;
    }

    public CustomerPool customers() {
        return customers;
    }

    /**
     * Draws order {@code number} from {@code products}: a realistic order only from enabled products in stock and
     * never more than they show; an order for a named SKU asks for its quantity whatever the stock, and
     * {@link StorefrontState} refuses it when the stock is short.
     */
    public Order draw(long number, CheckoutRequest request, List<ProductView> products, Instant now) {
        return draw(number, request, products, now, null);
    }

    /**
     * {@link #draw} placed by {@code buyer} (a signed-up customer) instead of a pool customer; null draws one. The
     * pool customer is drawn either way, so the rest of order {@code number} is the same.
     */
    public Order draw(long number, CheckoutRequest request, List<ProductView> products, Instant now, Customer buyer) {
        return draw(number, request, products, now, buyer, null);
    }

    /**
     * {@link #draw} of a risky order when {@code risky} is given: its buyer, its cart when it fixes one (no coupon,
     * no second line of an item then), its signals; a risky order is always paid by card and declined only when every
     * order is ({@link CheckoutRequest.Payment#DECLINED}), so the truth a test counts reaches the bridge.
     */
    Order draw(long number, CheckoutRequest request, List<ProductView> products, Instant now, Customer buyer,
               RiskyOrders.Draw risky) {
        Random random = new Random(seed ^ (number * 0x9E3779B97F4A7C15L));
        Random extras = new Random(seed ^ (number * 0xC2B2AE3D27D4EB4FL) ^ 0x5DEECE66DL);
        Customer drawn = customers.customer(customerIndex(random, request.customers()));
        Customer customer = risky != null ? risky.buyer() : buyer == null ? drawn : buyer;
        boolean fixedCart = risky != null && risky.cart() != null;
        List<RiskyOrders.Pick> picked = fixedCart ? risky.cart() : pickProducts(random, request, products).stream()
                .map(product -> new RiskyOrders.Pick(product, 0)).toList();
        BigDecimal rate = taxExempt(customer) ? BigDecimal.ZERO : customer.taxRate();
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal subtotal = cents(BigDecimal.ZERO);
        BigDecimal tax = cents(BigDecimal.ZERO);
        Map<Integer, Integer> taken = new HashMap<>();
        for (RiskyOrders.Pick pick : picked) {
            ProductView product = pick.product();
            // drawn here, between the lines' other draws, so order n stays what it was before risky carts existed
            int quantity = fixedCart ? pick.quantity() : request.quantity() != null ? request.quantity()
                    : QUANTITIES[random.nextInt(QUANTITIES.length)];
            if (request.sku() == null) {
                // a shopper browsing the store cannot put more in the cart than it shows in stock
                quantity = Math.min(quantity, product.amount());
            }
            taken.merge(product.id(), quantity, Integer::sum);
            OrderLine line = line(product, quantity, rate, random);
            lines.add(line);
            subtotal = subtotal.add(line.amount());
            tax = tax.add(line.tax());
        }
        if (!fixedCart && request.sku() == null && !picked.isEmpty() && lines.size() < request.maxLines()
                && extras.nextInt(100) < REPEATED_ITEM_PERCENT) {
            // a second line of an item already in the cart: another variant, a personalised copy
            ProductView product = picked.get(extras.nextInt(picked.size())).product();
            int quantity = Math.min(QUANTITIES[extras.nextInt(QUANTITIES.length)],
                    product.amount() - taken.getOrDefault(product.id(), 0));
            if (quantity > 0) {
                OrderLine line = line(product, quantity, rate, extras);
                lines.add(line);
                subtotal = subtotal.add(line.amount());
                tax = tax.add(line.tax());
            }
        }
        ShippingMethod method = SHIPPING[random.nextInt(SHIPPING.length)];
        if (fixedCart) {
            method = Arrays.stream(SHIPPING).filter(m -> m.name().equals(risky.shippingMethod()))
                    .findFirst().orElse(SHIPPING[0]);
        }
        BigDecimal shipping = cents(new BigDecimal(method.base())
                .add(new BigDecimal(method.perLine()).multiply(BigDecimal.valueOf(lines.size() - 1L))));
        String[] coupon = random.nextInt(100) < 15 && !fixedCart ? COUPONS[random.nextInt(COUPONS.length)] : null;
        BigDecimal discount = coupon == null ? cents(BigDecimal.ZERO)
                : cents(subtotal.multiply(new BigDecimal(coupon[1])).divide(HUNDRED));
        String couponCode = coupon == null ? null : coupon[0];
        if (coupon == null && !fixedCart && shipping.signum() > 0 && extras.nextInt(100) < FREE_SHIPPING_PERCENT) {
            couponCode = FREE_SHIPPING_COUPON;
            shipping = cents(BigDecimal.ZERO);
        }
        BigDecimal total = subtotal.add(tax).add(shipping).subtract(discount);
        boolean purchaseOrder = customer.company() != null && random.nextInt(100) < 35
                && request.payment() != CheckoutRequest.Payment.DECLINED && risky == null;
        boolean declined = !purchaseOrder && (risky == null ? declined(number, request.payment())
                : request.payment() == CheckoutRequest.Payment.DECLINED);
        String reference = purchaseOrder ? "PO-" + (10_000 + random.nextInt(90_000)) : transactionId(random);
        OrderRisk risk = risky != null ? risky.risk() : new OrderRisk(signals.customerIp(customer.index()),
                purchaseOrder ? null : signals.customerCard(customer.index()),
                // false flags only in a checkout that asked for the risky mix: elsewhere the gateway says nothing, as
                // before, so tests of other flows never meet an order the bridge holds for review
                request.riskShare() > 0 ? signals.gatewayFlag(number) : null, null);
        return new Order(orderId(number), number, customer, now, now, initialStatus(), lines, subtotal, rate, tax,
                shipping, couponCode, discount, total, method.name(),
                purchaseOrder ? "Purchase Order" : "Credit Card", reference, NOTES[random.nextInt(NOTES.length)],
                List.of(), null, declined ? OrderCash.DECLINED : OrderCash.SALE, risk);
    }

    /** Draws the risky orders of checkouts that ask for them ({@code risk}), from this generator's seed. */
    RiskyOrders riskyOrders() {
        return riskyOrders;
    }

    /** Whether card order {@code number}'s payment is declined, from a stream of its own (same for the same seed). */
    private boolean declined(long number, CheckoutRequest.Payment payment) {
        if (payment == null) {
            return false;
        }
        return payment == CheckoutRequest.Payment.DECLINED
                || new Random(seed ^ (number * 0xA24BAED4963EE407L) ^ 0x7F4A7C159E3779B9L).nextInt(1_000)
                        < DECLINED_PER_MILLE;
    }

    /** A trade buyer with a resale certificate on file pays no sales tax. */
    public static boolean taxExempt(Customer customer) {
        return customer.company() != null && Math.floorMod(customer.index(), TAX_EXEMPT_ONE_COMPANY_IN) == 0;
    }

    private OrderLine line(ProductView product, int quantity, BigDecimal rate, Random random) {
        BigDecimal price = cents(product.price());
        BigDecimal lineTax = cents(price.multiply(BigDecimal.valueOf(quantity)).multiply(rate).divide(HUNDRED));
        return new OrderLine(0, product.id(), skuAsSent(product.sku(), random), product.name(), price, quantity, 0,
                lineTax);
    }

    /** Dollars rounded to the cent, HALF_UP, as every storefront amount is. */
    public static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** A few customers order often, most rarely: index = pool x u^2. */
    private static int customerIndex(Random random, int pool) {
        double u = random.nextDouble();
        return Math.min(pool - 1, (int) (pool * u * u));
    }

    private static List<ProductView> pickProducts(Random random, CheckoutRequest request, List<ProductView> products) {
        if (request.sku() != null) {
            String wanted = ProductView.canonicalSku(request.sku());
            return products.stream().filter(p -> p.sku().equals(wanted)).limit(1).toList();
        }
        List<ProductView> enabled = products.stream().filter(p -> p.enabled() && p.amount() > 0).toList();
        int span = request.maxLines() - request.minLines() + 1;
        double u = random.nextDouble();
        int wanted = Math.min(enabled.size(), request.minLines() + (int) (span * u * u));
        List<ProductView> picked = new ArrayList<>(wanted);
        Set<Integer> seen = new HashSet<>();
        // the sample SKUs come up more often, as a store's best sellers do
        while (picked.size() < wanted) {
            int index = random.nextInt(4) == 0 ? random.nextInt(Math.min(4, enabled.size())) : random.nextInt(enabled.size());
            if (seen.add(index)) {
                picked.add(enabled.get(index));
            }
        }
        return picked;
    }

    private static String transactionId(Random random) {
        return reference("pi_", random);
    }

    private static String reference(String prefix, Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** {@code 14.5} for {@code 14.50}: X-Cart prints money as PHP floats do, at most 2 decimals. */
    protected static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
