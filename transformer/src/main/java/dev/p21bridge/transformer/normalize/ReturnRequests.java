package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.ReturnLine;
import dev.p21bridge.schemas.ReturnRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every {@code return.created} meets, whatever storefront sent it: at least one line, each with a SKU
 * (translated to the P21 item as order lines are), a positive quantity and a unit price that is not negative; the
 * refund of a line is quantity x price and the total their sum. Whether more is returned than was bought is not
 * known here; the p21-sink checks it against the P21 order.
 */
public final class ReturnRequests {

    private ReturnRequests() {
    }

    /** The lines of array {@code field}, each read with the storefront's names for quantity and unit price. */
    public static List<ReturnLine> lines(JsonFields json, String field, String quantityField, String priceField,
                                         SkuCrossReference skus) {
        List<JsonFields> items = json.array(field);
        if (items.isEmpty()) {
            throw new ValidationException(json.path(field) + ": a return needs at least one line, got none");
        }
        List<ReturnLine> lines = new ArrayList<>();
        for (JsonFields item : items) {
            String sku = SkuCrossReference.normalizeSku(item.text("sku", FieldLimits.ID));
            BigDecimal quantity = PaymentCaptures.decimal(item, quantityField);
            if (quantity.signum() <= 0) {
                throw new ValidationException(item.path(quantityField) + " must be positive, got "
                        + quantity.stripTrailingZeros().toPlainString());
            }
            BigDecimal price = PaymentCaptures.decimal(item, priceField);
            if (price.signum() < 0) {
                throw new ValidationException(item.path(priceField) + " must not be negative, got " + price.stripTrailingZeros().toPlainString());
            }
            lines.add(ReturnLine.newBuilder()
                    .setSku(sku)
                    .setP21ItemId(skus.p21ItemId(sku))
                    .setQuantity(quantity)
                    .setRefundAmount(Money.extend(quantity, price,
                            () -> item.path(quantityField) + " x " + item.path(priceField)))
                    .setReason(null)
                    .build());
        }
        return lines;
    }

    /**
     * The return id of {@code field}. It may not hold a colon: the RMA's {@code web_reference_no} is
     * {@code <source>:<order id>:<return id>}, and a credit memo finds its return again by the part after the last colon.
     */
    public static String returnId(JsonFields json, String field) {
        String returnId = json.id(field);
        if (returnId.indexOf(':') >= 0) {
            throw new ValidationException(json.path(field) + " must not contain ':', which separates the return id in"
                    + " the P21 RMA's web_reference_no; got " + Echo.quoted(returnId));
        }
        return returnId;
    }

    public static ReturnRequest of(RawEvent event, String orderId, String returnId, String reason, Instant requestedAt,
                                   List<ReturnLine> lines) {
        BigDecimal total = Money.zero();
        for (ReturnLine line : lines) {
            total = Money.add(total, line.getRefundAmount(), () -> "the refund total of the lines");
        }
        return ReturnRequest.newBuilder()
                .setOrderKey(event.orderKey(orderId))
                .setSource(event.source())
                .setOrderId(orderId)
                .setReturnId(returnId)
                .setSourceEventId(event.eventId())
                .setEventTime(event.receivedAt())
                .setRequestedAt(requestedAt)
                .setReason(reason)
                .setLines(lines)
                .setRefundTotal(total)
                .build();
    }
}
