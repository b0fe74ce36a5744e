package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");
    private static final String SECRET = "xcart-dev-secret";
    private static final byte[] ORDER = "{\"id\":10452,\"email\":\"a@b.c\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookValidator validator = new WebhookValidator(WebhookSource.XCART, List.of(SECRET),
            Duration.ofSeconds(300), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAcceptASignedOrderAndKeyItByTheOrderId() {
        WebhookVerdict verdict = validator.validate(signed(ORDER, "evt-1", "order.created"));

        assertThat(verdict).isInstanceOfSatisfying(AcceptedWebhook.class, accepted -> {
            assertThat(accepted.key()).isEqualTo("10452");
            assertThat(accepted.eventId()).isEqualTo("evt-1");
            assertThat(accepted.event()).isEqualTo(WebhookEvent.ORDER_CREATED);
            assertThat(accepted.body()).isSameAs(ORDER);
        });
    }

    @Test
    void shouldAnswerOnlySignatureMissingToAnUnsignedRequestWhateverElseIsWrong() {
        byte[] notJson = "nope".getBytes(StandardCharsets.UTF_8);

        assertThat(validator.validate(new WebhookRequest(null, null, "no.such.event", notJson)))
                .isEqualTo(Rejection.SIGNATURE_MISSING);
    }

    @Test
    void shouldRefuseAWronglySignedRequestBeforeLookingAtItsHeadersOrBody() {
        String header = WebhookSignature.sign(ORDER, NOW, "another-secret");

        assertThat(validator.validate(new WebhookRequest(header, null, null, ORDER)))
                .isEqualTo(Rejection.SIGNATURE_MISMATCH);
    }

    @Test
    void shouldRefuseASignatureOfABodyThatWasChangedAfterSigning() {
        String header = WebhookSignature.sign(ORDER, NOW, SECRET);
        byte[] changed = "{\"id\":10453,\"email\":\"a@b.c\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(validator.validate(new WebhookRequest(header, "evt-1", "order.created", changed)))
                .isEqualTo(Rejection.SIGNATURE_MISMATCH);
    }

    @Test
    void shouldRefuseATimestampMoreThanTheToleranceAwayInEitherDirection() {
        for (Instant signedAt : List.of(NOW.minusSeconds(301), NOW.plusSeconds(301))) {
            String header = WebhookSignature.sign(ORDER, signedAt, SECRET);
            assertThat(validator.validate(new WebhookRequest(header, "evt-1", "order.created", ORDER)))
                    .isEqualTo(Rejection.SIGNATURE_EXPIRED);
        }
        String justInside = WebhookSignature.sign(ORDER, NOW.minusSeconds(300), SECRET);
        assertThat(validator.validate(new WebhookRequest(justInside, "evt-1", "order.created", ORDER)))
                .isInstanceOf(AcceptedWebhook.class);
    }

    @Test
    void shouldRefuseAMalformedSignatureHeader() {
        assertThat(validator.validate(new WebhookRequest("v1=abc", "evt-1", "order.created", ORDER)))
                .isEqualTo(Rejection.SIGNATURE_MALFORMED);
        assertThat(validator.validate(new WebhookRequest("t=1,v1=zz", "evt-1", "order.created", ORDER)))
                .isEqualTo(Rejection.SIGNATURE_MALFORMED);
    }

    @Test
    void shouldAcceptEitherSecretWhileASecretIsRotated() {
        WebhookValidator rotating = new WebhookValidator(WebhookSource.XCART, List.of("old-secret", "new-secret"),
                Duration.ofSeconds(300), Clock.fixed(NOW, ZoneOffset.UTC));
        for (String secret : List.of("old-secret", "new-secret")) {
            String header = WebhookSignature.sign(ORDER, NOW, secret);
            assertThat(rotating.validate(new WebhookRequest(header, "evt-1", "order.created", ORDER)))
                    .isInstanceOf(AcceptedWebhook.class);
        }
    }

    @Test
    void shouldRefuseASignedRequestWithoutIdOrEventHeader() {
        assertThat(validator.validate(signed(ORDER, null, "order.created"))).isEqualTo(Rejection.MISSING_ID);
        assertThat(validator.validate(signed(ORDER, "  ", "order.created"))).isEqualTo(Rejection.MISSING_ID);
        assertThat(validator.validate(signed(ORDER, "evt-1", null))).isEqualTo(Rejection.MISSING_EVENT);
        assertThat(validator.validate(signed(ORDER, "evt-1", ""))).isEqualTo(Rejection.MISSING_EVENT);
    }

    @Test
    void shouldRefuseAnEventTypeOutsideTheContract() {
        assertThat(validator.validate(signed(ORDER, "evt-1", "order.deleted"))).isEqualTo(Rejection.UNKNOWN_EVENT);
        assertThat(validator.validate(signed(ORDER, "evt-1", "ORDER.CREATED"))).isEqualTo(Rejection.UNKNOWN_EVENT);
    }

    @Test
    void shouldRefuseABodyThatIsNotOneJsonObject() {
        assertThat(validator.validate(signed(utf8("{\"id\":"), "evt-1", "order.created")))
                .isEqualTo(new Refusal(Rejection.NOT_JSON, "at line 1, column 7"));
        assertThat(validator.validate(signed(utf8("[{\"id\":1}]"), "evt-1", "order.created")))
                .isEqualTo(Rejection.NOT_JSON_OBJECT);
    }

    @Test
    void shouldKeyByTheEventIdWhenThePayloadHasNoEntityId() {
        WebhookVerdict verdict = validator.validate(signed(utf8("{\"note\":\"x\"}"), "evt-9", "order.updated"));

        assertThat(verdict).isInstanceOfSatisfying(AcceptedWebhook.class,
                accepted -> assertThat(accepted.key()).isEqualTo("evt-9"));
    }

    @Test
    void shouldTreatOnlyApplicationJsonAsJsonWithAnyParameters() {
        assertThat(WebhookValidator.isJsonContentType("application/json")).isTrue();
        assertThat(WebhookValidator.isJsonContentType("Application/JSON; charset=utf-8")).isTrue();
        assertThat(WebhookValidator.isJsonContentType(" application/json ;charset=UTF-8")).isTrue();
        assertThat(WebhookValidator.isJsonContentType("text/plain")).isFalse();
        assertThat(WebhookValidator.isJsonContentType("application/jsonx")).isFalse();
        assertThat(WebhookValidator.isJsonContentType("application/json-patch+json")).isFalse();
        assertThat(WebhookValidator.isJsonContentType("")).isFalse();
        assertThat(WebhookValidator.isJsonContentType(null)).isFalse();
    }

    private static WebhookRequest signed(byte[] body, String eventId, String eventType) {
        return new WebhookRequest(WebhookSignature.sign(body, NOW, SECRET), eventId, eventType, body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
