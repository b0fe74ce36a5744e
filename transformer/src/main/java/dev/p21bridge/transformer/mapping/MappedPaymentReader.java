package dev.p21bridge.transformer.mapping;

import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.transformer.normalize.JsonFields;
import dev.p21bridge.transformer.normalize.PaymentCaptures;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.ValidationException;
import java.math.BigDecimal;

/**
 * The mapped payment a template produced (docs/mappings.md) into the canonical {@link PaymentCapture}:
 * {@code orderId} and {@code transactionId} (required), {@code kind} ({@code CAPTURE} or {@code REFUND}, required),
 * {@code amount} (not zero; signed or not, the kind gives the sign: a refund is negative in the canonical record),
 * {@code method}, {@code capturedAt} (ISO-8601, required) and {@code currency}. A template that gives nothing says
 * the payment moved no money (a failed or voided one).
 */
final class MappedPaymentReader {

    PaymentCapture read(RawEvent event, JsonFields json) {
        String orderId = json.id("orderId");
        String transactionId = json.id("transactionId");
        PaymentKind kind = MappedEnum.read(json, "kind", PaymentKind.class, null);
        if (kind == null) {
            throw new ValidationException(json.path("kind") + " is required: CAPTURE or REFUND");
        }
        BigDecimal amount = PaymentCaptures.amount(json, "amount").abs();
        return PaymentCaptures.of(event, orderId, transactionId, kind,
                kind == PaymentKind.REFUND ? amount.negate() : amount, json.optionalText("method"),
                json.instant("capturedAt"), json.text("currency"));
    }
}
