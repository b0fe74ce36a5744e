package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import java.util.Optional;

/**
 * Maps one storefront's payloads to canonical records. One implementation per storefront, because each speaks its
 * own field names (X-Cart snake_case numbers, Clarity camelCase strings); the rules they share live in
 * {@link JsonFields}, {@link CountryCodes}, {@link Emails}, {@link Money}, {@link OrderValidator}, {@link PaymentCaptures} and
 * {@link ReturnRequests}.
 */
public interface StorefrontNormalizer {

    Order order(RawEvent event);

    Customer customer(RawEvent event);

    /**
     * {@code payment.captured}: one capture or refund ({@link PaymentCaptures}); empty when the storefront says it
     * failed or was voided, which moved no money.
     */
    Optional<PaymentCapture> payment(RawEvent event);

    /** {@code return.created}: one return request ({@link ReturnRequests}). */
    ReturnRequest returnRequest(RawEvent event);
}
