package dev.p21bridge.simulators.clarity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.Address;
import dev.p21bridge.simulators.storefront.Customer;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderGenerator;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.OrderReturn;
import dev.p21bridge.simulators.storefront.PaymentTransaction;
import dev.p21bridge.simulators.storefront.StorefrontCustomer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Clarity's order and customer payloads as in {@code samples/clarity/}: camelCase, money and quantities as strings
 * with 2 decimals, per-line {@code tax}, {@code countryCode} "USA", times in the store's zone (US Central). Order ids
 * are {@code CL-2026-<6 digits>}, counting up. As on the real store, some SKUs arrive in lower case or with blanks
 * and some e-mails with a leading blank: the bridge must cope. {@code ipAddress}, {@code paymentInfo.cardFingerprint}
 * and {@code fraudCheck} are invented stand-ins for what a fraud screen records (docs/simulators.md, 'Risky orders').
 */
final class ClarityOrderGenerator extends OrderGenerator {

    static final long FIRST_ORDER_NUMBER = 1_001;
    static final long FIRST_PAYMENT_NUMBER = 77_001;
    static final long FIRST_RETURN_NUMBER = 3_301;
    static final String AUTHORIZED = "Authorized";
    static final String PAYMENT_PENDING = "Payment Pending";
    static final String PARTIAL_PAYMENT = "Partial Payment Received";
    static final String FULL_PAYMENT = "Full Payment Received";
    /** The payment status the bridge's Clarity normalizer reads as declined. */
    static final String DECLINED = "Declined";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT)
            .withZone(ZoneId.of("America/Chicago"));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    ClarityOrderGenerator(long seed) {
        super(seed);
    }

    @Override
    public String orderId(long number) {
        return String.format(Locale.ROOT, "CL-2026-%06d", number);
    }

    @Override
    public String cancelledStatus() {
        return ClarityOrderAction.VOID.status();
    }

    @Override
    public String initialStatus() {
        return ClarityOrderAction.PENDING.status();
    }

    @Override
    protected String skuAsSent(String sku, Random random) {
        int roll = random.nextInt(100);
        if (roll < 6) {
            return sku.toLowerCase(Locale.ROOT) + " ";
        }
        if (roll < 12) {
            return sku.toLowerCase(Locale.ROOT);
        }
        return roll < 18 ? sku + " " : sku;
    }

    /** A time as Clarity's payloads write it: ISO-8601 to the second, with an offset. */
    static String isoTime(Instant time) {
        return ISO.format(time);
    }

    @Override
    public ObjectNode orderJson(Order order) {
        Customer customer = order.customer();
        ObjectNode json = NODES.objectNode();
        json.put("orderId", order.id());
        json.put("customerId", customer.customerId());
        json.putObject("customer").put("fullName", customer.fullName()).put("email", email(customer))
                .put("phone", customer.phone()).put("company", customer.company());
        json.put("orderDate", ISO.format(order.created()));
        json.put("status", order.status());
        json.put("currency", "USD");
        json.put("totalAmount", money(order.total()));
        json.put("subtotalAmount", money(order.subtotal()));
        json.put("taxAmount", money(order.tax()));
        json.put("shippingAmount", money(order.shipping()));
        json.put("discountAmount", money(order.discount()));
        json.put("shippingMethod", order.shippingMethod());
        json.set("shippingAddress", address(customer.shipping()));
        json.set("billingAddress", address(customer.billing()));
        ArrayNode lines = json.putArray("lineItems");
        for (OrderLine line : order.lines()) {
            lines.addObject().put("sku", line.sku()).put("quantity", Integer.toString(line.quantity()))
                    .put("unitPrice", money(line.price())).put("tax", money(line.tax()));
        }
        boolean po = order.purchaseOrder();
        ObjectNode payment = json.putObject("paymentInfo")
                .put("method", po ? "PurchaseOrder" : "CreditCard")
                .put("poNumber", po ? order.paymentReference() : null)
                .put("terms", po ? "Net 30" : null)
                .put("amount", money(order.total()))
                .put("transactionId", po ? null : order.paymentReference());
        if (order.declined()) {
            payment.put("status", DECLINED);
        }
        if (!po && order.risk().cardFingerprint() != null) {
            payment.put("cardFingerprint", order.risk().cardFingerprint());
        }
        if (order.risk().clientIp() != null) {
            json.put("ipAddress", order.risk().clientIp());
        }
        if (order.risk().fraudCheck() != null) {
            json.putObject("fraudCheck").put("status", order.risk().fraudCheck().status())
                    .put("score", order.risk().fraudCheck().score());
        }
        json.put("referenceNo", order.id());
        return json;
    }

    @Override
    public ObjectNode customerJson(Customer customer, Instant created) {
        ObjectNode json = NODES.objectNode();
        json.put("customerId", customer.customerId());
        json.put("fullName", customer.fullName());
        json.put("email", email(customer));
        json.put("phone", customer.phone());
        json.put("company", customer.company());
        json.put("createdDate", ISO.format(created));
        json.set("billingAddress", address(customer.billing()));
        json.set("shippingAddress", address(customer.shipping()));
        return json;
    }

    @Override
    public ObjectNode customerUpdatedJson(StorefrontCustomer customer) {
        ObjectNode json = customerJson(customer.asPoolCustomer(), customer.created());
        json.put("updatedDate", ISO.format(customer.updated()));
        return json;
    }

    /**
     * Clarity's payment status names for the order: a refund leaves it as it was (the order view shows the refund).
     * {@code Payment Pending} for an unpaid purchase order is inferred, as is {@code Declined} for a declined card.
     */
    @Override
    public String paymentStatus(Order order) {
        if (order.declined()) {
            return DECLINED;
        }
        if (order.captured().signum() == 0) {
            return order.purchaseOrder() ? PAYMENT_PENDING : AUTHORIZED;
        }
        return order.uncaptured().signum() == 0 ? FULL_PAYMENT : PARTIAL_PAYMENT;
    }

    /** As in {@code samples/clarity/payment.captured.json}: {@code amount} a string, negative for a refund. */
    @Override
    public ObjectNode paymentJson(Order order, PaymentTransaction payment) {
        boolean refund = payment.kind() == PaymentTransaction.Kind.REFUND;
        ObjectNode json = NODES.objectNode();
        json.put("paymentId", transactionId(payment.number()));
        json.put("orderId", order.id());
        json.put("transactionId", payment.publicId());
        json.put("method", order.paymentMethod());
        json.put("type", refund ? "Refund" : "Capture");
        json.put("status", refund ? "Refunded" : "Captured");
        json.put("amount", money(payment.signedAmount()));
        json.put("currency", "USD");
        json.put("capturedDate", ISO.format(payment.at()));
        return json;
    }

    /** As in {@code samples/clarity/return.created.json}: quantities and prices as strings. */
    @Override
    public ObjectNode returnJson(Order order, OrderReturn opened) {
        ObjectNode json = NODES.objectNode();
        json.put("returnId", returnId(opened.number()));
        json.put("orderId", order.id());
        json.put("status", opened.hasRefund() ? "Refunded" : "Confirmed");
        json.put("createdDate", ISO.format(opened.created()));
        json.put("reason", opened.reason());
        ArrayNode lines = json.putArray("lineItems");
        for (OrderReturn.Line line : opened.lines()) {
            lines.addObject().put("sku", line.sku()).put("quantity", Integer.toString(line.quantity()))
                    .put("unitPrice", money(line.unitPrice()));
        }
        return json;
    }

    @Override
    public String transactionId(long number) {
        return "PAY-" + (FIRST_PAYMENT_NUMBER - 1 + number);
    }

    @Override
    public String returnId(long number) {
        return "RT-" + (FIRST_RETURN_NUMBER - 1 + number);
    }

    @Override
    public OptionalLong returnNumber(String returnId) {
        String id = returnId.strip();
        if (!id.startsWith("RT-")) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(id.substring(3)) - FIRST_RETURN_NUMBER + 1;
            return number >= 1 ? OptionalLong.of(number) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Money as Clarity sends it: a string with exactly 2 decimals. */
    static String money(BigDecimal value) {
        return cents(value).toPlainString();
    }

    /** One customer in five typed a blank before the address, as in the sample. */
    private static String email(Customer customer) {
        return customer.index() % 5 == 2 ? " " + customer.email() : customer.email();
    }

    private static ObjectNode address(Address address) {
        return NODES.objectNode().put("name", address.name()).put("line1", address.line1())
                .put("line2", address.line2()).put("city", address.city()).put("regionCode", address.state())
                .put("postalCode", address.zip()).put("countryCode", address.country3());
    }
}
