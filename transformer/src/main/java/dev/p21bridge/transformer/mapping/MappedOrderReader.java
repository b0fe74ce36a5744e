package dev.p21bridge.transformer.mapping;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.P21OrderDefaults;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.Totals;
import dev.p21bridge.transformer.normalize.CanonicalAddress;
import dev.p21bridge.transformer.normalize.Emails;
import dev.p21bridge.transformer.normalize.FieldLimits;
import dev.p21bridge.transformer.normalize.JsonFields;
import dev.p21bridge.transformer.normalize.Money;
import dev.p21bridge.transformer.normalize.OrderValidator;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.StoreRisks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mapped order a template produced (docs/mappings.md, "The mapped order") into the canonical {@link Order}, with
 * the careful readings the Java normalizers used: ids in their canonical form, texts trimmed and within their limits,
 * amounts exact and within Avro's decimal, country codes alpha-2, e-mails normalized, statuses by their enum names,
 * and the totals checked against the lines ({@link OrderValidator}). What the template cannot know comes from the
 * event (key, source, event id, change type, time) and from the configuration (P21 defaults) unless a rule set it.
 */
final class MappedOrderReader {

    private final SkuCrossReference skus;
    private final P21Defaults defaults;

    MappedOrderReader(SkuCrossReference skus, P21Defaults defaults) {
        this.skus = skus;
        this.defaults = defaults;
    }

    Order read(RawEvent event, JsonFields json) {
        String orderId = json.id("orderId");
        Instant orderDate = json.instant("orderDate");
        JsonFields customer = json.object("customer");
        Order order = Order.newBuilder()
                .setOrderKey(event.orderKey(orderId))
                .setSource(event.source())
                .setSourceEventId(event.eventId())
                .setChangeType(event.eventType().equals("order.created") ? ChangeType.CREATED : ChangeType.UPDATED)
                .setEventTime(event.receivedAt())
                .setOrderId(orderId)
                .setOrderNumber(json.optionalText("orderNumber"))
                .setOrderDate(orderDate)
                .setStorefrontCustomerId(json.optionalId("storefrontCustomerId"))
                .setCustomer(Contact.newBuilder()
                        .setEmail(Emails.normalize(customer.optionalText("email", FieldLimits.EMAIL),
                                () -> customer.path("email")))
                        .setFirstName(customer.optionalText("firstName"))
                        .setLastName(customer.optionalText("lastName"))
                        .setCompany(customer.optionalText("company"))
                        .setPhone(customer.optionalText("phone"))
                        .build())
                .setBillingAddress(CanonicalAddress.read(json.optionalObject("billingAddress")))
                .setShippingAddress(CanonicalAddress.read(json.optionalObject("shippingAddress")))
                .setLines(lines(json))
                .setTotals(totals(json.object("totals")))
                .setCurrency(json.text("currency").toUpperCase(Locale.ROOT))
                .setPayment(payment(json.optionalObject("payment")))
                .setFulfillmentStatus(MappedEnum.read(json, "fulfillmentStatus", FulfillmentStatus.class, FulfillmentStatus.NEW))
                .setShippingMethod(json.optionalText("shippingMethod"))
                .setNotes(json.optionalText("notes", FieldLimits.NOTE))
                .setP21(p21(json.optionalObject("p21"), orderDate, event.store()))
                .setStore(event.store())
                .setClientIp(json.optionalText("clientIp", FieldLimits.ID))
                .setStoreRisk(StoreRisks.mapped(json.optionalObject("storeRisk")))
                .build();
        return OrderValidator.validate(order);
    }

    private List<OrderLine> lines(JsonFields json) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonFields item : json.array("lines")) {
            BigDecimal quantity = Money.of(item.decimal("quantity"), () -> item.path("quantity"));
            BigDecimal price = Money.of(item.decimal("unitPrice"), () -> item.path("unitPrice"));
            String sku = SkuCrossReference.normalizeSku(item.text("sku", FieldLimits.ID));
            lines.add(OrderLine.newBuilder()
                    .setLineNumber(lines.size() + 1)
                    .setSourceLineId(item.optionalId("sourceLineId"))
                    .setSku(sku)
                    .setP21ItemId(skus.p21ItemId(sku))
                    .setDescription(item.optionalText("description"))
                    .setQuantity(quantity)
                    .setUnitPrice(price)
                    .setTax(optionalAmount(item, "tax"))
                    .setExtendedPrice(Money.extend(quantity, price,
                            () -> item.path("quantity") + " x " + item.path("unitPrice")))
                    .build());
        }
        return lines;
    }

    private static Totals totals(JsonFields totals) {
        return Totals.newBuilder()
                .setSubtotal(Money.of(totals.decimal("subtotal"), () -> totals.path("subtotal")))
                .setTax(optionalAmount(totals, "tax"))
                .setShipping(optionalAmount(totals, "shipping"))
                .setDiscount(optionalAmount(totals, "discount"))
                .setTotal(Money.of(totals.decimal("total"), () -> totals.path("total")))
                .build();
    }

    private static PaymentInfo payment(JsonFields payment) {
        if (payment == null) {
            return PaymentInfo.newBuilder().setMethod(null).setTerms(null).setPoNumber(null).setTransactionId(null)
                    .setAmount(null).setStatus(PaymentStatus.PENDING).build();
        }
        BigDecimal amount = payment.optionalDecimal("amount");
        return PaymentInfo.newBuilder()
                .setMethod(payment.optionalText("method"))
                .setTerms(payment.optionalText("terms"))
                .setPoNumber(payment.optionalText("poNumber"))
                .setTransactionId(payment.optionalText("transactionId"))
                .setAmount(amount == null ? null : Money.of(amount, () -> payment.path("amount")))
                .setStatus(MappedEnum.read(payment, "status", PaymentStatus.class, PaymentStatus.PENDING))
                .setCardFingerprint(payment.optionalText("cardFingerprint", FieldLimits.ID))
                .build();
    }

    private P21OrderDefaults p21(JsonFields p21, Instant orderDate, String store) {
        P21OrderDefaults configured = defaults.forStore(store).forOrderDate(orderDate);
        if (p21 == null) {
            return configured;
        }
        return P21OrderDefaults.newBuilder(configured)
                .setSalesLocationId(orDefault(p21.optionalId("salesLocationId"), configured.getSalesLocationId()))
                .setSourceLocationId(orDefault(p21.optionalId("sourceLocationId"), configured.getSourceLocationId()))
                .setTaker(orDefault(p21.optionalText("taker", FieldLimits.ID), configured.getTaker()))
                .setSalesRepId(p21.optionalText("salesRepId", FieldLimits.ID))
                .setShipViaId(p21.optionalText("shipViaId", FieldLimits.ID))
                .build();
    }

    private static BigDecimal optionalAmount(JsonFields json, String field) {
        BigDecimal value = json.optionalDecimal(field);
        return value == null ? Money.zero() : Money.of(value, () -> json.path(field));
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
