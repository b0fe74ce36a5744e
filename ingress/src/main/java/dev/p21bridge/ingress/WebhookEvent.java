package dev.p21bridge.ingress;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event types both storefronts send (docs/contract.md, section 'Webhooks'). Any other {@code X-Webhook-Event} is
 * refused with 400, so the raw topics only hold events the transformer knows how to read.
 */
public enum WebhookEvent {
    ORDER_CREATED("order.created", Subject.ORDER),
    ORDER_UPDATED("order.updated", Subject.ORDER),
    CUSTOMER_CREATED("customer.created", Subject.CUSTOMER),
    CUSTOMER_UPDATED("customer.updated", Subject.CUSTOMER),
    PRODUCT_UPDATED("product.updated", Subject.PRODUCT),
    PAYMENT_CAPTURED("payment.captured", Subject.PAYMENT),
    RETURN_CREATED("return.created", Subject.RETURN);

    /** What the payload describes, which decides where its entity id (the record key) is found. */
    public enum Subject { ORDER, CUSTOMER, PRODUCT, PAYMENT, RETURN }

    private static final Map<String, WebhookEvent> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(WebhookEvent::type, Function.identity()));

    private final String type;
    private final Subject subject;

    WebhookEvent(String type, Subject subject) {
        this.type = type;
        this.subject = subject;
    }

    /** The event named by an {@code X-Webhook-Event} header, or {@code null} when the type is unknown. */
    public static WebhookEvent ofType(String type) {
        return type == null ? null : BY_TYPE.get(type.trim());
    }

    /** The header value, e.g. {@code order.created}. */
    public String type() {
        return type;
    }

    public Subject subject() {
        return subject;
    }
}
