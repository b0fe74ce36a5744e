package dev.p21bridge.ingress;

import dev.p21bridge.platform.webhook.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The checks of docs/contract.md, section 'Webhooks' for one source, without HTTP. The signature is checked before
 * anything else the sender controls, so an unsigned or wrongly signed request learns nothing but 401: not which event
 * types exist, nor whether its body would parse.
 */
public final class WebhookValidator {

    private static final String JSON = "application/json";

    private final String store;
    private final WebhookSource source;
    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;
    private final PayloadScanner scanner;

    WebhookValidator(WebhookStore store, Duration tolerance, Clock clock, PayloadScanner scanner) {
        this.store = store.name();
        this.source = store.source();
        this.secrets = store.secrets();
        this.tolerance = tolerance;
        this.clock = clock;
        this.scanner = scanner;
    }

    public WebhookValidator(WebhookStore store, Duration tolerance, Clock clock) {
        this(store, tolerance, clock, new PayloadScanner());
    }

    /** For the store named as its platform ({@code xcart}, {@code clarity}), as before stores existed. */
    public WebhookValidator(WebhookSource source, List<String> secrets, Duration tolerance, Clock clock) {
        this(new WebhookStore(source.id(), source, secrets), tolerance, clock);
    }

    /** True for {@code application/json} in any case, with or without parameters such as {@code charset=utf-8}. */
    public static boolean isJsonContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        int end = semicolon < 0 ? contentType.length() : semicolon;
        int start = 0;
        while (start < end && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
            end--;
        }
        return end - start == JSON.length() && contentType.regionMatches(true, start, JSON, 0, JSON.length());
    }

    /** Signature, then the id and event headers, then the event type, then the body; the first failure decides. */
    public WebhookVerdict validate(WebhookRequest request) {
        Rejection signature = signature(request);
        if (signature != null) {
            return signature;
        }
        if (isBlank(request.eventId())) {
            return Rejection.MISSING_ID;
        }
        if (isBlank(request.eventType())) {
            return Rejection.MISSING_EVENT;
        }
        WebhookEvent event = WebhookEvent.ofType(request.eventType());
        if (event == null) {
            return Rejection.UNKNOWN_EVENT;
        }
        String entityId;
        try {
            entityId = scanner.entityId(request.body(), source.keyFields(event));
        } catch (PayloadScanner.MalformedPayloadException e) {
            return Refusal.of(e.rejection(), e.detail());
        }
        return new AcceptedWebhook(store, source, event, request.eventId(), entityId != null ? entityId : request.eventId(),
                request.body());
    }

    /** The store's name: the webhook path's last segment and the {@code store} header. */
    public String store() {
        return store;
    }

    public WebhookSource source() {
        return source;
    }

    private Rejection signature(WebhookRequest request) {
        WebhookSignature.Verdict verdict = WebhookSignature.verify(request.signature(), request.body(), secrets,
                clock.instant(), tolerance);
        return switch (verdict) {
            case VALID -> null;
            case MISSING -> Rejection.SIGNATURE_MISSING;
            case MALFORMED -> Rejection.SIGNATURE_MALFORMED;
            case EXPIRED -> Rejection.SIGNATURE_EXPIRED;
            case MISMATCH -> Rejection.SIGNATURE_MISMATCH;
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
