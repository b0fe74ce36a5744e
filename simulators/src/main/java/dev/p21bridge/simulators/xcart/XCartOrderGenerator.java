package dev.p21bridge.simulators.xcart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.Address;
import dev.p21bridge.simulators.storefront.Customer;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderGenerator;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.StorefrontCustomer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * X-Cart 5.5's order and profile resources, as in {@code samples/xcart/}: snake_case, money as JSON numbers with at
 * most 2 decimals, tax/shipping/discount as {@code surcharges} (discount negative), status objects with X-Cart's
 * codes. Order ids are numbers counting up from 20001.
 */
final class XCartOrderGenerator extends OrderGenerator {

    static final long FIRST_ORDER_ID = 20_001;
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
        json.putObject("currency").put("code", "USD").put("symbol", "$");
        json.put("total", plain(order.total()));
        json.put("sub_total", plain(order.subtotal()));
        ObjectNode payment = json.putObject("payment_status");
        if (order.purchaseOrder()) {
            payment.put("id", 1).put("code", "Q").put("name", "Awaiting payment");
        } else {
            payment.put("id", 4).put("code", "P").put("name", "Paid");
        }
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
        json.putArray("payment_transactions").addObject()
                .put("transaction_id", order.paymentReference())
                .put("method_name", order.paymentMethod())
                .put("value", plain(order.total()))
                .put("status", order.purchaseOrder() ? "W" : "S")
                .put("type", "sale");
        return json;
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
                .put("zipcode", address.zip()).put("country", "US").put("phone", address.phone());
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
