package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.PaymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules every {@code payment.captured} meets, whatever storefront sent it: one capture or refund with its own
 * transaction id (the p21-sink writes one P21 cash receipt per id, so an event without one is refused rather than
 * guessed at), and an amount that moved money. The storefront normalizers read their own field names and hand the
 * values here.
 */
public final class PaymentCaptures {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PaymentCaptures() {
    }

    /**
     * The unsigned amount of {@code field}: a decimal that is not zero and fits decimal(18,4) (float noise read as the
     * cents meant). Text that is no number is a {@link ValidationException} here, not a mapping error: the field is
     * known, its value is wrong.
     */
    public static BigDecimal amount(JsonFields json, String field) {
        BigDecimal value = decimal(json, field);
        if (value.signum() == 0) {
            throw new ValidationException(json.path(field) + " must not be zero: a payment of nothing moves no money");
        }
        return value;
    }

    /** A decimal of {@code field} in the canonical scale; missing or not a number is a {@link ValidationException}. */
    static BigDecimal decimal(JsonFields json, String field) {
        BigDecimal value;
        try {
            value = json.decimal(field);
        } catch (MappingException e) {
            // the message names the field and quotes the value already
            throw new ValidationException(e.getMessage());
        }
        return Money.of(value, () -> json.path(field));
    }

    /** The canonical record; {@code signedAmount} is negative for a refund, as the kind says. */
    public static PaymentCapture of(RawEvent event, String orderId, String transactionId, PaymentKind kind,
                                    BigDecimal signedAmount, String method, Instant capturedAt, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(code).matches()) {
            throw new ValidationException("currency must be an ISO 4217 code, got " + Echo.quoted(currency));
        }
        return PaymentCapture.newBuilder()
                .setOrderKey(event.orderKey(orderId))
                .setSource(event.source())
                .setOrderId(orderId)
                .setSourceEventId(event.eventId())
                .setEventTime(event.receivedAt())
                .setCapturedAt(capturedAt)
                .setCurrency(code)
                .setPayment(PaymentInfo.newBuilder()
                        .setMethod(method)
                        .setTerms(null)
                        .setPoNumber(null)
                        .setTransactionId(transactionId)
                        .setAmount(signedAmount)
                        .setStatus(kind == PaymentKind.REFUND ? PaymentStatus.REFUNDED : PaymentStatus.PAID)
                        .build())
                .setKind(kind)
                .build();
    }
}
