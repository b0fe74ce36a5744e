package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Totals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Clarity eCommerce payloads (camelCase, amounts and quantities as strings, one {@code fullName}, alpha-3 countries)
 * to canonical records. The name is split by {@link PersonName}'s documented rule. Clarity names order states in
 * words; the two payment states among them decide the payment status, otherwise the payment method does.
 */
public final class ClarityNormalizer implements StorefrontNormalizer {

    /** Clarity's sales order status names (the {@code /Ordering/SalesOrder/...} state routes). */
    static final Map<String, FulfillmentStatus> ORDER_STATUS = Map.ofEntries(
            Map.entry("PENDING", FulfillmentStatus.NEW), Map.entry("CONFIRMED", FulfillmentStatus.NEW),
            Map.entry("PARTIAL PAYMENT RECEIVED", FulfillmentStatus.NEW),
            Map.entry("FULL PAYMENT RECEIVED", FulfillmentStatus.NEW),
            Map.entry("ON HOLD", FulfillmentStatus.ON_HOLD), Map.entry("BACKORDERED", FulfillmentStatus.BACKORDERED),
            Map.entry("PROCESSING", FulfillmentStatus.PROCESSING),
            Map.entry("READY FOR PICKUP", FulfillmentStatus.PROCESSING),
            Map.entry("SHIPPED", FulfillmentStatus.SHIPPED), Map.entry("SHIPPED FROM VENDOR", FulfillmentStatus.SHIPPED),
            Map.entry("COMPLETED", FulfillmentStatus.DELIVERED), Map.entry("VOIDED", FulfillmentStatus.CANCELLED),
            Map.entry("CANCELLED", FulfillmentStatus.CANCELLED));

    static final Map<String, PaymentStatus> PAYMENT_STATUS = Map.of(
            "PENDING", PaymentStatus.PENDING, "AUTHORIZED", PaymentStatus.AUTHORIZED,
            "CAPTURED", PaymentStatus.PAID, "PAID", PaymentStatus.PAID, "PARTIALLY PAID", PaymentStatus.PARTIALLY_PAID,
            "DECLINED", PaymentStatus.DECLINED, "VOIDED", PaymentStatus.CANCELLED, "REFUNDED", PaymentStatus.REFUNDED);

    /** Clarity's payment states: whether each moved money. */
    static final Map<String, Boolean> PAYMENT_MOVED_MONEY = Map.of(
            "CAPTURED", true, "REFUNDED", true, "FAILED", false, "VOIDED", false);

    private final SkuCrossReference skus;
    private final P21Defaults defaults;

    public ClarityNormalizer(SkuCrossReference skus, P21Defaults defaults) {
        this.skus = skus;
        this.defaults = defaults;
    }

    @Override
    public Order order(RawEvent event) {
        JsonFields json = event.fields();
        String orderId = json.id("orderId");
        JsonFields customer = json.object("customer");
        PersonName name = PersonName.split(customer.optionalText("fullName"));
        var orderDate = json.instant("orderDate");
        String status = json.text("status");
        Order order = Order.newBuilder()
                .setOrderKey(event.orderKey(orderId))
                .setSource(event.source())
                .setSourceEventId(event.eventId())
                .setChangeType(event.eventType().equals("order.created") ? ChangeType.CREATED : ChangeType.UPDATED)
                .setEventTime(event.receivedAt())
                .setOrderId(orderId)
                .setOrderNumber(json.has("referenceNo") ? json.text("referenceNo", FieldLimits.ID) : orderId)
                .setOrderDate(orderDate)
                .setStorefrontCustomerId(json.optionalId("customerId"))
                .setCustomer(Contact.newBuilder()
                        .setEmail(Emails.normalize(customer.optionalText("email", FieldLimits.EMAIL), () -> customer.path("email")))
                        .setFirstName(name.firstName())
                        .setLastName(name.lastName())
                        .setCompany(customer.optionalText("company"))
                        .setPhone(customer.optionalText("phone"))
                        .build())
                .setBillingAddress(CanonicalAddress.read(json.optionalObject("billingAddress")))
                .setShippingAddress(CanonicalAddress.read(json.optionalObject("shippingAddress")))
                .setLines(lines(json))
                .setTotals(Totals.newBuilder()
                        .setSubtotal(amount(json, "subtotalAmount"))
                        .setTax(optionalAmount(json, "taxAmount"))
                        .setShipping(optionalAmount(json, "shippingAmount"))
                        .setDiscount(optionalAmount(json, "discountAmount").abs())
                        .setTotal(amount(json, "totalAmount"))
                        .build())
                .setCurrency(json.text("currency").toUpperCase(Locale.ROOT))
                .setPayment(payment(json, status))
                .setFulfillmentStatus(orderStatus(json, status))
                .setShippingMethod(json.optionalText("shippingMethod"))
                .setNotes(json.optionalText("notes", FieldLimits.NOTE))
                .setP21(defaults.forStore(event.store()).forOrderDate(orderDate))
                .setStore(event.store())
                .setClientIp(json.optionalText("ipAddress", FieldLimits.ID))
                .setStoreRisk(StoreRisks.fraudCheck(json.optionalObject("fraudCheck")))
                .build();
        return OrderValidator.validate(order);
    }

    @Override
    public Customer customer(RawEvent event) {
        JsonFields json = event.fields();
        PersonName name = PersonName.split(json.optionalText("fullName"));
        return Customer.newBuilder()
                .setEmail(Emails.normalize(json.optionalText("email", FieldLimits.EMAIL), () -> json.path("email")))
                .setSource(event.source())
                .setSourceEventId(event.eventId())
                .setChangeType(event.eventType().equals("customer.created") ? ChangeType.CREATED : ChangeType.UPDATED)
                .setEventTime(event.receivedAt())
                .setSourceCustomerId(json.id("customerId"))
                .setP21CustomerId(null)
                .setFirstName(name.firstName())
                .setLastName(name.lastName())
                .setCompany(json.optionalText("company"))
                .setPhone(json.optionalText("phone"))
                .setBillingAddress(CanonicalAddress.read(json.optionalObject("billingAddress")))
                .setShippingAddress(CanonicalAddress.read(json.optionalObject("shippingAddress")))
                .setChangedAt(json.has("updatedDate") ? json.instant("updatedDate")
                        : json.has("createdDate") ? json.instant("createdDate") : event.receivedAt())
                .setOrigin(null)
                .build();
    }

    /**
     * A payment: the sign of {@code amount} says capture or refund ({@code type} must not say the opposite).
     * {@code Failed} and {@code Voided} moved no money: empty.
     */
    @Override
    public Optional<PaymentCapture> payment(RawEvent event) {
        JsonFields json = event.fields();
        String status = json.text("status");
        Boolean movedMoney = PAYMENT_MOVED_MONEY.get(status.toUpperCase(Locale.ROOT));
        if (movedMoney == null) {
            throw new MappingException(json.path("status") + " " + Echo.quoted(status) + " is not a known Clarity"
                    + " payment status (known: Captured, Refunded, Failed, Voided)");
        }
        if (!movedMoney) {
            return Optional.empty();
        }
        String orderId = json.id("orderId");
        String paymentId = json.id("paymentId");
        BigDecimal amount = PaymentCaptures.amount(json, "amount");
        PaymentKind kind = amount.signum() < 0 ? PaymentKind.REFUND : PaymentKind.CAPTURE;
        String type = json.optionalText("type");
        String opposite = kind == PaymentKind.REFUND ? "Capture" : "Refund";
        if (opposite.equalsIgnoreCase(type)) {
            throw new ValidationException(json.path("type") + " says " + opposite + " but " + json.path("amount") + " "
                    + amount.stripTrailingZeros().toPlainString() + " says " + (kind == PaymentKind.REFUND ? "refund" : "capture")
                    + "; which one is meant is ambiguous, so the payment is refused");
        }
        return Optional.of(PaymentCaptures.of(event, orderId, paymentId, kind, amount, json.optionalText("method"),
                json.instant("capturedDate"), json.text("currency")));
    }

    @Override
    public ReturnRequest returnRequest(RawEvent event) {
        JsonFields json = event.fields();
        String returnId = ReturnRequests.returnId(json, "returnId");
        String orderId = json.id("orderId");
        return ReturnRequests.of(event, orderId, returnId, json.optionalText("reason"), json.instant("createdDate"),
                ReturnRequests.lines(json, "lineItems", "quantity", "unitPrice", skus));
    }

    private List<OrderLine> lines(JsonFields json) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonFields item : json.array("lineItems")) {
            BigDecimal quantity = Money.of(item.decimal("quantity"), () -> item.path("quantity"));
            BigDecimal price = Money.of(item.decimal("unitPrice"), () -> item.path("unitPrice"));
            String sku = SkuCrossReference.normalizeSku(item.text("sku", FieldLimits.ID));
            BigDecimal tax = item.optionalDecimal("tax");
            lines.add(OrderLine.newBuilder()
                    .setLineNumber(lines.size() + 1)
                    .setSourceLineId(item.optionalId("lineId"))
                    .setSku(sku)
                    .setP21ItemId(skus.p21ItemId(sku))
                    .setDescription(item.has("name") ? item.optionalText("name") : item.optionalText("description"))
                    .setQuantity(quantity)
                    .setUnitPrice(price)
                    .setTax(tax == null ? Money.zero() : Money.of(tax, () -> item.path("tax")))
                    .setExtendedPrice(Money.extend(quantity, price, () -> item.path("quantity") + " x " + item.path("unitPrice")))
                    .build());
        }
        return lines;
    }

    private static PaymentInfo payment(JsonFields json, String orderStatus) {
        JsonFields info = json.optionalObject("paymentInfo");
        String transactionId = info == null ? null : info.optionalText("transactionId");
        String method = info == null ? null : info.optionalText("method");
        return PaymentInfo.newBuilder()
                .setMethod(method)
                .setTerms(info == null ? null : info.optionalText("terms"))
                .setPoNumber(info == null ? null : info.optionalText("poNumber"))
                .setTransactionId(transactionId)
                .setAmount(info == null || !info.has("amount") ? null : Money.of(info.decimal("amount"), () -> info.path("amount")))
                .setStatus(paymentStatus(info, orderStatus, transactionId))
                .setCardFingerprint(info == null ? null : info.optionalText("cardFingerprint", FieldLimits.ID))
                .build();
    }

    private static PaymentStatus paymentStatus(JsonFields info, String orderStatus, String transactionId) {
        String upperStatus = orderStatus.toUpperCase(Locale.ROOT);
        if (upperStatus.equals("FULL PAYMENT RECEIVED")) {
            return PaymentStatus.PAID;
        }
        if (upperStatus.equals("PARTIAL PAYMENT RECEIVED")) {
            return PaymentStatus.PARTIALLY_PAID;
        }
        if (info != null && info.has("status")) {
            String status = info.text("status").toUpperCase(Locale.ROOT);
            PaymentStatus mapped = PAYMENT_STATUS.get(status);
            if (mapped == null) {
                throw new MappingException(info.path("status") + " is not a known Clarity payment status: " + Echo.quoted(status));
            }
            return mapped;
        }
        // purchase orders are paid on terms later; a card transaction id means the amount was authorized
        return transactionId == null ? PaymentStatus.PENDING : PaymentStatus.AUTHORIZED;
    }

    private static FulfillmentStatus orderStatus(JsonFields json, String status) {
        FulfillmentStatus mapped = ORDER_STATUS.get(status.toUpperCase(Locale.ROOT));
        if (mapped == null) {
            throw new MappingException(json.path("status") + " is not a known Clarity order status: " + Echo.quoted(status));
        }
        return mapped;
    }

    private static BigDecimal amount(JsonFields json, String field) {
        return Money.of(json.decimal(field), () -> json.path(field));
    }

    private static BigDecimal optionalAmount(JsonFields json, String field) {
        BigDecimal value = json.optionalDecimal(field);
        return value == null ? Money.zero() : Money.of(value, () -> json.path(field));
    }
}
