package dev.p21bridge.app.trace;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.P21OrderDefaults;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Canonical records of one X-Cart order, as the transformer and the p21-sink write them, for the trace's tests. */
final class TraceRecords {

    private TraceRecords() {
    }

    static Order order(String orderId, String email, Instant at) {
        return Order.newBuilder().setOrderKey("xcart:" + orderId).setSource(Source.XCART)
                .setSourceEventId("evt-" + orderId).setChangeType(ChangeType.CREATED).setEventTime(at)
                .setOrderId(orderId).setOrderNumber(null).setOrderDate(at).setStorefrontCustomerId(null)
                .setCustomer(Contact.newBuilder().setEmail(email).setFirstName("Dana").setLastName("Whitfield")
                        .setCompany(null).setPhone(null).build())
                .setBillingAddress(null).setShippingAddress(null)
                .setLines(List.of(OrderLine.newBuilder().setLineNumber(1).setSourceLineId("li-1").setSku("BV-075-SWT")
                        .setP21ItemId("BV-075-SWT").setDescription("Ball valve").setQuantity(money("2"))
                        .setUnitPrice(money("10.5")).setTax(money("0")).setExtendedPrice(money("21")).build()))
                .setTotals(Totals.newBuilder().setSubtotal(money("21")).setDiscount(money("0")).setTax(money("0"))
                        .setShipping(money("0")).setTotal(money("21")).build())
                .setCurrency("USD")
                .setPayment(PaymentInfo.newBuilder().setMethod("card").setTerms(null).setPoNumber(null)
                        .setTransactionId(null).setAmount(money("21")).setStatus(PaymentStatus.PAID).build())
                .setFulfillmentStatus(FulfillmentStatus.NEW).setShippingMethod(null).setNotes(null)
                .setP21(P21OrderDefaults.newBuilder().setSalesLocationId("10").setSourceLocationId("10")
                        .setTaker("WEB").setRequestedDate(java.time.LocalDate.of(2026, 12, 8)).setSalesRepId(null).setShipViaId(null).build())
                .build();
    }

    static OrderConfirmation confirmation(String orderId, String p21OrderNo, Instant at) {
        return OrderConfirmation.newBuilder().setOrderKey("xcart:" + orderId).setSource(Source.XCART)
                .setOrderId(orderId).setP21OrderNo(p21OrderNo).setP21CustomerId("C-100")
                .setSourceEventId("evt-" + orderId).setConfirmedAt(at).setAlreadyExisted(false)
                .setP21CreatedAt(null).setSkippedReason(null).build();
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value).setScale(4);
    }
}
