package dev.p21bridge.ingress;

import dev.p21bridge.ingress.WebhookEvent.Subject;
import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A storefront that sends webhooks: its name in URLs and in the {@code source} header, the raw topic its events go
 * to, and the top-level payload fields that hold each event's entity id, in order of preference. X-Cart payloads
 * follow X-Cart 5.5's REST resources (snake_case), Clarity's follow its integration guides (camelCase).
 */
public enum WebhookSource {
    XCART("xcart", Topics.RAW_XCART, Map.of(
            Subject.ORDER, List.of("id"),
            Subject.CUSTOMER, List.of("profile_id"),
            Subject.PRODUCT, List.of("product_id", "id"),
            Subject.PAYMENT, List.of("order_id", "id"),
            Subject.RETURN, List.of("order_id", "id"))),
    CLARITY("clarity", Topics.RAW_CLARITY, Map.of(
            Subject.ORDER, List.of("orderId"),
            Subject.CUSTOMER, List.of("customerId"),
            Subject.PRODUCT, List.of("productId", "sku"),
            Subject.PAYMENT, List.of("orderId"),
            Subject.RETURN, List.of("orderId")));

    private final String id;
    private final Topic<byte[]> topic;
    private final Map<Subject, List<String>> keyFields;

    WebhookSource(String id, Topic<byte[]> topic, Map<Subject, List<String>> keyFields) {
        this.id = id;
        this.topic = topic;
        this.keyFields = new EnumMap<>(keyFields);
    }

    /** {@code xcart} or {@code clarity}: the {@code source} header, and the webhook path of the store named so. */
    public String id() {
        return id;
    }

    public Topic<byte[]> topic() {
        return topic;
    }

    /** The webhook shape of a store's platform. */
    public static WebhookSource of(dev.p21bridge.platform.config.StorePlatform platform) {
        return platform == dev.p21bridge.platform.config.StorePlatform.XCART ? XCART : CLARITY;
    }

    /** Top-level fields that may hold the entity id of {@code event}, the preferred one first. */
    public List<String> keyFields(WebhookEvent event) {
        return keyFields.get(event.subject());
    }
}
