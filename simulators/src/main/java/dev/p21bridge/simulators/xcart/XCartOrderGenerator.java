package dev.p21bridge.simulators.xcart;

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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * X-Cart 5.5's order and profile resources, as in {@code samples/xcart/}: snake_case, money as JSON numbers with at
 * most 2 decimals, tax/shipping/discount as {@code surcharges} (discount negative), status objects with X-Cart's
 * codes. Order ids are numbers counting up from 20001. The shopper's {@code ip_address}, the card's
 * {@code card_fingerprint} on its payment transaction and the gateway's {@code fraud_check} are this simulator's
 * stand-ins for what X-Cart's fraud-screening add-ons record (docs/simulators.md, 'Risky orders').
 */
final class XCartOrderGenerator extends OrderGenerator {

    static final long FIRST_ORDER_ID = 20_001;
    static final long FIRST_TRANSACTION_ID = 90_001;
    static final long FIRST_RETURN_ID = 501;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    XCartOrderGenerator(long seed) {
        super(seed);
    }

    @Override
    public String orderId(long number) {
        return Long.toString(number);
    }

    @Override
    public String cancelledStatus() {
        return XCartShippingStatus.C.name();
    }

    @Override
    public String initialStatus() {
        return XCartShippingStatus.N.name();
    }

    @Override
    public ObjectNode orderJson(Order order) {
        Customer customer = order.customer();
        ObjectNode json = NODES.objectNode();
        json.put("id", order.number());
        json.put("order_number", order.id());
        json.put("create_date", ISO.format(order.created()));
        json.put("update_date", ISO.format(order.updated()));
        json.put("email", customer.email());
        json.put("customer_id", customer.profileId());
        json.put("order_profile_id", customer.profileId());
        if (order.risk().clientIp() != null) {
            json.put("ip_address", order.risk().clientIp());
        }
        json.putObject("currency").put("code", "USD").put("symbol", "$");
        json.put("total", plain(order.total()));
        json.put("sub_total", plain(order.subtotal()));
        XCartPaymentStatus paymentStatus = XCartPaymentStatus.of(order);
        json.putObject("payment_status").put("id", paymentStatus.id()).put("code", paymentStatus.name())
                .put("name", paymentStatus.label());
        json.set("shipping_status", shippingStatus(order.status()));
        json.put("shipping_id", shippingId(order.shippingMethod()));
        json.put("shipping_method_name", order.shippingMethod());
        json.put("payment_method_name", order.paymentMethod());
        json.put("notes", order.notes() == null ? "" : order.notes());
        json.set("billing_address", address(customer.billing(), customer));
        json.set("shipping_address", address(customer.shipping(), customer));
        ArrayNode items = json.putArray("items");
        for (OrderLine line : order.lines()) {
            items.addObject().put("id", line.itemId()).put("product_id", line.productId()).put("sku", line.sku())
                    .put("name", line.name()).put("price", plain(line.price()))
                    .put("item_net_price", plain(line.price())).put("amount", line.quantity())
                    .put("backordered_amount", line.backordered());
        }
        ArrayNode surcharges = json.putArray("surcharges");
        if (order.tax().signum() > 0) {
            surcharges.addObject().put("type", "tax").put("code", "SALES_TAX")
                    .put("name", "Sales tax " + plain(order.taxRate()).toPlainString() + "%")
                    .put("value", plain(order.tax()));
        }
        surcharges.addObject().put("type", "shipping").put("code", "SHIPPING").put("name", order.shippingMethod())
                .put("value", plain(order.shipping()));
        if (order.discount().signum() > 0) {
            surcharges.addObject().put("type", "discount").put("code", "COUPON")
                    .put("name", "Coupon " + order.couponCode()).put("value", plain(order.discount().negate()));
        }
        ObjectNode transaction = json.putArray("payment_transactions").addObject()
                .put("transaction_id", order.paymentReference())
                .put("method_name", order.paymentMethod())
                .put("value", plain(order.total()))
                .put("status", order.purchaseOrder() ? "W" : order.declined() ? "F" : "S")
                .put("type", order.cash().authorized() && !order.purchaseOrder() ? "auth" : "sale");
        if (!order.purchaseOrder() && order.risk().cardFingerprint() != null) {
            transaction.put("card_fingerprint", order.risk().cardFingerprint());
        }
        if (order.risk().fraudCheck() != null) {
            json.putObject("fraud_check").put("status", order.risk().fraudCheck().status())
                    .put("score", order.risk().fraudCheck().score());
        }
        return json;
    }

    @Override
    public String paymentStatus(Order order) {
        return XCartPaymentStatus.of(order).name();
    }

    /** The payment transaction resource, as in {@code samples/xcart/payment.captured.json}; {@code value} positive. */
    @Override
    public ObjectNode paymentJson(Order order, PaymentTransaction payment) {
        boolean refund = payment.kind() == PaymentTransaction.Kind.REFUND;
        ObjectNode json = NODES.objectNode();
        json.put("transaction_id", FIRST_TRANSACTION_ID - 1 + payment.number());
        json.put("public_id", payment.publicId());
        json.put("order_id", order.number());
        json.put("order_number", order.id());
        json.put("method_name", order.paymentMethod());
        json.put("type", refund ? "refund" : payment.partial() ? "capture_part" : "capture");
        json.put("status", "S");
        json.put("value", plain(payment.amount()));
        json.putObject("currency").put("code", "USD").put("symbol", "$");
        json.put("date", ISO.format(payment.at()));
        json.put("note", refund ? "Refund of return " + returnId(payment.returnNumber())
                : payment.partial() ? "Captured in part" : "Captured in full");
        return json;
    }

    /** The order return resource, as in {@code samples/xcart/return.created.json}: {@code status} I (issued). */
    @Override
    public ObjectNode returnJson(Order order, OrderReturn opened) {
        ObjectNode json = NODES.objectNode();
        json.put("id", FIRST_RETURN_ID - 1 + opened.number());
        json.put("order_id", order.number());
        json.put("order_number", order.id());
        json.put("status", opened.hasRefund() ? "R" : "I");
        json.put("date", ISO.format(opened.created()));
        json.put("reason", opened.reason());
        json.put("comment", opened.comment());
        ArrayNode items = json.putArray("items");
        for (OrderReturn.Line line : opened.lines()) {
            items.addObject().put("order_item_id", line.orderItemId()).put("sku", line.sku())
                    .put("amount", line.quantity()).put("price", plain(line.unitPrice()));
        }
        return json;
    }

    @Override
    public String transactionId(long number) {
        return Long.toString(FIRST_TRANSACTION_ID - 1 + number);
    }

    @Override
    public String returnId(long number) {
        return Long.toString(FIRST_RETURN_ID - 1 + number);
    }

    @Override
    public OptionalLong returnNumber(String returnId) {
        try {
            long number = Long.parseLong(returnId.strip()) - FIRST_RETURN_ID + 1;
            return number >= 1 ? OptionalLong.of(number) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public ObjectNode customerJson(Customer customer, Instant created) {
        ObjectNode json = NODES.objectNode();
        json.put("profile_id", customer.profileId());
        json.put("login", customer.email().strip().toLowerCase(Locale.ROOT));
        json.put("email", customer.email());
        json.put("firstname", customer.firstName());
        json.put("lastname", customer.lastName());
        json.put("added", created.getEpochSecond());
        json.put("status", "E");
        ArrayNode addresses = json.putArray("addresses");
        boolean same = customer.billing().equals(customer.shipping());
        addresses.add(address(customer.billing(), customer).put("is_billing", true).put("is_shipping", same));
        if (!same) {
            addresses.add(address(customer.shipping(), customer).put("is_billing", false).put("is_shipping", true));
        }
        long id = customer.profileId() * 10;
        for (int i = 0; i < addresses.size(); i++) {
            ObjectNode address = (ObjectNode) addresses.get(i);
            ObjectNode ordered = NODES.objectNode().put("address_id", id + i + 1);
            ordered.setAll(address);
            addresses.set(i, ordered);
        }
        return json;
    }

    @Override
    public ObjectNode customerUpdatedJson(StorefrontCustomer customer) {
        ObjectNode json = customerJson(customer.asPoolCustomer(), customer.created());
        json.put("updated", customer.updated().getEpochSecond());
        return json;
    }

    static ObjectNode shippingStatus(String code) {
        XCartShippingStatus status = XCartShippingStatus.byCode(code).orElse(XCartShippingStatus.N);
        return NODES.objectNode().put("id", status.id()).put("code", status.name()).put("name", status.label());
    }

    private static ObjectNode address(Address address, Customer customer) {
        boolean person = address.name().equals(customer.fullName());
        int space = address.name().indexOf(' ');
        String first = person ? customer.firstName() : address.name().substring(0, Math.max(space, 0));
        String last = person ? customer.lastName() : address.name().substring(space + 1);
        String street = address.line2() == null ? address.line1() : address.line1() + " " + address.line2();
        return NODES.objectNode().put("firstname", first).put("lastname", last)
                .put("company", address.company() == null ? "" : address.company())
                .put("street", street).put("city", address.city()).put("state", address.state())
                .put("zipcode", address.zip()).put("country", address.country()).put("phone", address.phone());
    }

    private static int shippingId(String method) {
        return switch (method) {
            case "UPS Ground" -> 7;
            case "FedEx 2Day" -> 9;
            case "UPS Next Day Air" -> 8;
            case "LTL Freight" -> 12;
            default -> 1;
        };
    }

    /** Visible to the API, which answers money the same way. */
    static BigDecimal money(BigDecimal value) {
        return plain(value);
    }
}
