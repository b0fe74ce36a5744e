package dev.p21bridge.p21;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.P21OrderDefaults;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The canonical form of the shared sample orders ({@code samples/xcart/order.created.json} and
 * {@code samples/clarity/order.created.json}), as the transformer's tests pin it down field by field.
 */
final class SampleOrders {

    static {
        // copying a record through its builder instantiates generated classes, which Avro 1.12 must trust
        AvroClassTrust.trustCanonicalSchemas();
    }

    private SampleOrders() {
    }

    static Order xcart() {
        return Order.newBuilder()
                .setOrderKey("xcart:10452").setSource(Source.XCART).setSourceEventId("evt-1")
                .setChangeType(ChangeType.CREATED).setEventTime(Instant.parse("2026-11-20T14:03:12Z"))
                .setOrderId("10452").setOrderNumber("10452").setOrderDate(Instant.parse("2026-11-20T14:03:11Z"))
                .setStorefrontCustomerId("3310")
                .setCustomer(new Contact("dana.whitfield@example.com", "Dana", "Whitfield", "Whitfield Mechanical LLC",
                        "+1 512 555 0142"))
                .setBillingAddress(new Address("Dana Whitfield", "Whitfield Mechanical LLC", "1200 N Lamar Blvd Ste 300",
                        null, "Austin", "TX", "78703", "US", "+1 512 555 0142"))
                .setShippingAddress(new Address("Dana Whitfield", "Whitfield Mechanical LLC",
                        "4410 Industrial Oaks Blvd", null, "Austin", "TX", "78735-1822", "US", "+1 512 555 0142"))
                .setLines(List.of(
                        line(1, "88101", "HX-4410", "Hex bolt 3/8 x 2 in, zinc, box of 100", "8", "24.95", "0"),
                        line(2, "88102", "WSH-0375-Z", "Flat washer 3/8 in, zinc, box of 250", "10", "18.2", "0")))
                .setTotals(new Totals(money("381.6"), money("13.27"), money("30.39"), money("14.5"), money("413.22")))
                .setCurrency("USD")
                .setPayment(new PaymentInfo("Credit Card", null, null, "pi_3QxK2vL8cL9Yq1aB0m4t", money("413.22"),
                        PaymentStatus.PAID, null))
                .setFulfillmentStatus(FulfillmentStatus.NEW).setShippingMethod("UPS Ground")
                .setNotes("Leave at dock 4")
                .setP21(new P21OrderDefaults("10", "20", "WEBSTORE", LocalDate.of(2026, 11, 22), null, null))
                .build();
    }

    static Order clarity() {
        return Order.newBuilder()
                .setOrderKey("clarity:CL-2026-000981").setSource(Source.CLARITY).setSourceEventId("cl-evt-1")
                .setChangeType(ChangeType.CREATED).setEventTime(Instant.parse("2026-11-20T14:15:45Z"))
                .setOrderId("CL-2026-000981").setOrderNumber("CL-2026-000981")
                .setOrderDate(Instant.parse("2026-11-20T14:15:44Z")).setStorefrontCustomerId("C-55012")
                .setCustomer(new Contact("mj.nunez@example.org", "María", "José Núñez Ortega",
                        "Núñez Plumbing Supply", "(312) 555-0199"))
                .setBillingAddress(new Address("Accounts Payable", null, "PO Box 6120", null, "Chicago", "IL",
                        "60680-6120", "US", null))
                .setShippingAddress(new Address("María José Núñez Ortega", null, "2150 S Canalport Ave", "Unit 4B",
                        "Chicago", "IL", "60608", "US", null))
                .setLines(List.of(
                        line(1, null, "HX-4410", null, "12", "24.95", "30.69"),
                        line(2, null, "PVC-SCH40-075-10", null, "40", "6.35", "26.04"),
                        line(3, null, "BV-075-SWT", null, "24", "27.95", "68.76")))
                .setTotals(new Totals(money("1224.20"), money("0"), money("125.49"), money("18.00"),
                        money("1367.69")))
                .setCurrency("USD")
                .setPayment(new PaymentInfo("PurchaseOrder", "Net 30", "PO-88123", null, money("1367.69"),
                        PaymentStatus.PENDING, null))
                .setFulfillmentStatus(FulfillmentStatus.NEW).setShippingMethod("FedEx 2Day")
                .setP21(new P21OrderDefaults("10", "20", "WEBSTORE", LocalDate.of(2026, 11, 22), null, null))
                .build();
    }

    /** The X-Cart sample under another order id, bought by {@code email}, with the given P21 item ids. */
    static Order variant(String orderId, String email, String... itemIds) {
        Order base = xcart();
        List<OrderLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < itemIds.length; i++) {
            lines.add(line(i + 1, null, itemIds[i], null, "2", "9.99", "0"));
        }
        return Order.newBuilder(base)
                .setOrderKey("xcart:" + orderId).setOrderId(orderId).setOrderNumber(orderId)
                .setSourceEventId("evt-" + orderId)
                .setCustomer(Contact.newBuilder(base.getCustomer()).setEmail(email).build())
                .setLines(itemIds.length == 0 ? base.getLines() : lines)
                .build();
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(4);
    }

    private static OrderLine line(int number, String sourceLineId, String sku, String description, String quantity,
                                  String unitPrice, String tax) {
        BigDecimal qty = money(quantity);
        BigDecimal price = money(unitPrice);
        return new OrderLine(number, sourceLineId, sku, sku, description, qty, price, money(tax),
                qty.multiply(price).setScale(4));
    }
}
