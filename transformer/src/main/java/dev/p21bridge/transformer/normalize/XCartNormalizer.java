package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Address;
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
import java.util.regex.Pattern;

/**
 * X-Cart 5.5 payloads (the REST API's order and profile resources, snake_case, amounts as JSON numbers) to canonical
 * records. Order-level tax, shipping and discount arrive as {@code surcharges} by type; discounts are negative there
 * and positive in the canonical totals.
 */
public final class XCartNormalizer implements StorefrontNormalizer {

    /** X-Cart's payment status codes ({@code XLite\Model\Order\Status\Payment}). */
    static final Map<String, PaymentStatus> PAYMENT_STATUS = Map.of(
            "A", PaymentStatus.AUTHORIZED, "PP", PaymentStatus.PARTIALLY_PAID, "P", PaymentStatus.PAID,
            "D", PaymentStatus.DECLINED, "C", PaymentStatus.CANCELLED, "Q", PaymentStatus.PENDING,
            "R", PaymentStatus.REFUNDED);

    /** X-Cart's shipping status codes ({@code XLite\Model\Order\Status\Shipping}). */
    static final Map<String, FulfillmentStatus> SHIPPING_STATUS = Map.of(
            "N", FulfillmentStatus.NEW, "P", FulfillmentStatus.PROCESSING, "S", FulfillmentStatus.SHIPPED,
            "D", FulfillmentStatus.DELIVERED, "WND", FulfillmentStatus.CANCELLED, "R", FulfillmentStatus.RETURNED,
            "WFA", FulfillmentStatus.ON_HOLD, "NBA", FulfillmentStatus.BACKORDERED, "C", FulfillmentStatus.CANCELLED);

    /** X-Cart's payment transaction types ({@code XLite\Model\Payment\BackendTransaction}) that move money. */
    static final Map<String, PaymentKind> TRANSACTION_TYPE = Map.of(
            "sale", PaymentKind.CAPTURE, "capture", PaymentKind.CAPTURE, "capture_part", PaymentKind.CAPTURE,
            "refund", PaymentKind.REFUND, "refund_part", PaymentKind.REFUND, "refund_multi", PaymentKind.REFUND);

    /** Any line break; compiled once, {@code String.split} would compile it for every address. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private final SkuCrossReference skus;
    private final P21Defaults defaults;

    public XCartNormalizer(SkuCrossReference skus, P21Defaults defaults) {
        this.skus = skus;
        this.defaults = defaults;
    }

    @Override
    public Order order(RawEvent event) {
        JsonFields json = event.fields();
        String orderId = json.id("id");
        JsonFields billing = json.optionalObject("billing_address");
        var orderDate = json.instant("create_date");
        Order order = Order.newBuilder()
                .setOrderKey(event.orderKey(orderId))
                .setSource(event.source())
                .setSourceEventId(event.eventId())
                .setChangeType(event.eventType().equals("order.created") ? ChangeType.CREATED : ChangeType.UPDATED)
                .setEventTime(event.receivedAt())
                .setOrderId(orderId)
                .setOrderNumber(json.optionalText("order_number"))
                .setOrderDate(orderDate)
                .setStorefrontCustomerId(json.has("order_profile_id") ? json.id("order_profile_id") : json.optionalId("customer_id"))
                .setCustomer(Contact.newBuilder()
                        .setEmail(Emails.normalize(json.optionalText("email", FieldLimits.EMAIL), () -> json.path("email")))
                        .setFirstName(billing == null ? null : billing.optionalText("firstname"))
                        .setLastName(billing == null ? null : billing.optionalText("lastname"))
                        .setCompany(billing == null ? null : billing.optionalText("company"))
                        .setPhone(billing == null ? null : billing.optionalText("phone"))
                        .build())
                .setBillingAddress(address(billing))
                .setShippingAddress(address(json.optionalObject("shipping_address")))
                .setLines(lines(json))
                .setTotals(totals(json))
                .setCurrency(json.object("currency").text("code").toUpperCase(Locale.ROOT))
                .setPayment(payment(json))
                .setFulfillmentStatus(code(json, "shipping_status", SHIPPING_STATUS))
                .setShippingMethod(json.optionalText("shipping_method_name"))
                .setNotes(json.optionalText("notes", FieldLimits.NOTE))
                .setP21(defaults.forStore(event.store()).forOrderDate(orderDate))
                .setStore(event.store())
                .setClientIp(json.optionalText("ip_address", FieldLimits.ID))
                .setStoreRisk(StoreRisks.fraudCheck(json.optionalObject("fraud_check")))
                .build();
        return OrderValidator.validate(order);
    }

    @Override
    public Customer customer(RawEvent event) {
        JsonFields json = event.fields();
        JsonFields billing = null;
        JsonFields shipping = null;
        for (JsonFields address : json.array("addresses")) {
            if (billing == null && "true".equals(address.optionalText("is_billing"))) {
                billing = address;
            }
            if (shipping == null && "true".equals(address.optionalText("is_shipping"))) {
                shipping = address;
            }
        }
        JsonFields contact = billing != null ? billing : shipping;
        String email = json.has("email") ? json.optionalText("email", FieldLimits.EMAIL) : json.optionalText("login", FieldLimits.EMAIL);
        return Customer.newBuilder()
                .setEmail(Emails.normalize(email, () -> json.path("email")))
                .setSource(event.source())
                .setSourceEventId(event.eventId())
                .setChangeType(event.eventType().equals("customer.created") ? ChangeType.CREATED : ChangeType.UPDATED)
                .setEventTime(event.receivedAt())
                .setSourceCustomerId(json.id("profile_id"))
                .setP21CustomerId(null)
                .setFirstName(json.optionalText("firstname"))
                .setLastName(json.optionalText("lastname"))
                .setCompany(contact == null ? null : contact.optionalText("company"))
                .setPhone(contact == null ? null : contact.optionalText("phone"))
                .setBillingAddress(address(billing))
                .setShippingAddress(address(shipping))
                .setChangedAt(json.has("updated") ? json.epochSeconds("updated")
                        : json.has("added") ? json.epochSeconds("added") : event.receivedAt())
                .setOrigin(null)
                .build();
    }

    /**
     * A payment transaction: {@code value} is always positive and {@code type} says capture or refund; a refund
     * becomes a negative amount. A status other than {@code S} (success) moved no money: empty.
     */
    @Override
    public Optional<PaymentCapture> payment(RawEvent event) {
        JsonFields json = event.fields();
        if (!"S".equalsIgnoreCase(json.text("status"))) {
            return Optional.empty();
        }
        String orderId = json.id("order_id");
        String transactionId = json.id("transaction_id");
        String type = json.text("type").toLowerCase(Locale.ROOT);
        PaymentKind kind = TRANSACTION_TYPE.get(type);
        if (kind == null) {
            throw new MappingException(json.path("type") + " " + Echo.quoted(type) + " is not an X-Cart payment"
                    + " transaction type that moves money (known: " + String.join(", ", TRANSACTION_TYPE.keySet().stream()
                    .sorted().toList()) + ")");
        }
        BigDecimal value = PaymentCaptures.amount(json, "value");
        if (value.signum() < 0) {
            throw new ValidationException(json.path("value") + " must be positive (X-Cart sends a " + type
                    + " as a positive value), got " + value.stripTrailingZeros().toPlainString());
        }
        return Optional.of(PaymentCaptures.of(event, orderId, transactionId, kind,
                kind == PaymentKind.REFUND ? value.negate() : value, json.optionalText("method_name"),
                json.instant("date"), json.object("currency").text("code")));
    }

    /** An order return: {@code items[].amount} is the quantity returned, {@code price} the unit price refunded. */
    @Override
    public ReturnRequest returnRequest(RawEvent event) {
        JsonFields json = event.fields();
        String returnId = ReturnRequests.returnId(json, "id");
        String orderId = json.id("order_id");
        return ReturnRequests.of(event, orderId, returnId, json.optionalText("reason"), json.instant("date"),
                ReturnRequests.lines(json, "items", "amount", "price", skus));
    }

    private List<OrderLine> lines(JsonFields json) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonFields item : json.array("items")) {
            BigDecimal quantity = Money.of(item.decimal("amount"), () -> item.path("amount"));
            BigDecimal price = Money.of(item.decimal("price"), () -> item.path("price"));
            String sku = SkuCrossReference.normalizeSku(item.text("sku", FieldLimits.ID));
            lines.add(OrderLine.newBuilder()
                    .setLineNumber(lines.size() + 1)
                    .setSourceLineId(item.optionalId("id"))
                    .setSku(sku)
                    .setP21ItemId(skus.p21ItemId(sku))
                    .setDescription(item.optionalText("name"))
                    .setQuantity(quantity)
                    .setUnitPrice(price)
                    .setTax(surcharge(item, "tax"))
                    .setExtendedPrice(Money.extend(quantity, price, () -> item.path("amount") + " x " + item.path("price")))
                    .build());
        }
        return lines;
    }

    private static Totals totals(JsonFields json) {
        return Totals.newBuilder()
                .setSubtotal(Money.of(json.decimal("sub_total"), () -> json.path("sub_total")))
                .setTax(surcharge(json, "tax"))
                .setShipping(surcharge(json, "shipping"))
                .setDiscount(surcharge(json, "discount").abs())
                .setTotal(Money.of(json.decimal("total"), () -> json.path("total")))
                .build();
    }

    private static BigDecimal surcharge(JsonFields json, String type) {
        BigDecimal sum = Money.zero();
        for (JsonFields surcharge : json.array("surcharges")) {
            if (type.equalsIgnoreCase(surcharge.text("type"))) {
                sum = Money.add(sum, Money.of(surcharge.decimal("value"), () -> surcharge.path("value")),
                        () -> json.path("surcharges") + " of type " + type);
            }
        }
        return sum;
    }

    private static PaymentInfo payment(JsonFields json) {
        String transactionId = null;
        BigDecimal captured = null;
        String fingerprint = null;
        boolean first = true;
        for (JsonFields transaction : json.array("payment_transactions")) {
            if (first) {
                fingerprint = transaction.optionalText("card_fingerprint", FieldLimits.ID);
                first = false;
            }
            if ("S".equals(transaction.optionalText("status"))) {
                transactionId = transactionId == null ? transaction.optionalText("transaction_id") : transactionId;
                BigDecimal value = Money.of(transaction.decimal("value"), () -> transaction.path("value"));
                captured = captured == null ? value
                        : Money.add(captured, value, () -> json.path("payment_transactions") + " captured");
            }
        }
        return PaymentInfo.newBuilder()
                .setMethod(json.optionalText("payment_method_name"))
                .setTerms(null)
                .setPoNumber(null)
                .setTransactionId(transactionId)
                .setAmount(captured)
                .setStatus(code(json, "payment_status", PAYMENT_STATUS))
                .setCardFingerprint(fingerprint)
                .build();
    }

    private static <T> T code(JsonFields json, String field, Map<String, T> mapping) {
        JsonFields status = json.object(field);
        String code = status.text("code").toUpperCase(Locale.ROOT);
        T value = mapping.get(code);
        if (value == null) {
            throw new MappingException(status.path("code") + " is not a known X-Cart status code: " + Echo.quoted(code));
        }
        return value;
    }

    private static Address address(JsonFields json) {
        if (json == null) {
            return null;
        }
        String street = json.text("street");
        String[] streetLines = LINE_BREAK.split(street, 2);
        String first = json.optionalText("firstname");
        String last = json.optionalText("lastname");
        String name = first == null ? last : last == null ? first : first + " " + last;
        return Address.newBuilder()
                .setName(name)
                .setCompany(json.optionalText("company"))
                .setLine1(streetLines[0].trim())
                .setLine2(streetLines.length > 1 ? streetLines[1].trim() : null)
                .setCity(json.text("city"))
                .setRegionCode(upper(json.optionalText("state")))
                .setPostalCode(json.optionalText("zipcode"))
                .setCountryCode(CountryCodes.toAlpha2(json.optionalText("country"), () -> json.path("country")))
                .setPhone(json.optionalText("phone"))
                .build();
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
