package dev.p21bridge.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_763_650_000L);
    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

    @Test
    void shouldMatchAnHmacComputedIndependently() {
        // printf '1763650000.{"id":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSignature.sign(BODY, NOW, "secret"))
                .isEqualTo("t=1763650000,v1=627463add3bd918ddb220d58762d04d09adafb4b6993caaaf763863321938d3a");
    }

    @Test
    void shouldAcceptAValidSignatureAndAnyOfSeveralSecrets() {
        String header = WebhookSignature.sign(BODY, NOW, "new-secret");
        assertThat(WebhookSignature.verify(header, BODY, List.of("old-secret", "new-secret"), NOW, TOLERANCE))
                .isEqualTo(WebhookSignature.Verdict.VALID);
        String rotating = WebhookSignature.sign(BODY, NOW, List.of("wrong", "old-secret"));
        assertThat(WebhookSignature.verify(rotating, BODY, List.of("old-secret"), NOW, TOLERANCE))
                .isEqualTo(WebhookSignature.Verdict.VALID);
    }

    @Test
    void shouldRefuseMissingMalformedWrongAndOldSignatures() {
        String header = WebhookSignature.sign(BODY, NOW, "secret");
        assertThat(WebhookSignature.verify(null, BODY, List.of("secret"), NOW, TOLERANCE)).isEqualTo(WebhookSignature.Verdict.MISSING);
        assertThat(WebhookSignature.verify("v1=abc", BODY, List.of("secret"), NOW, TOLERANCE)).isEqualTo(WebhookSignature.Verdict.MALFORMED);
        assertThat(WebhookSignature.verify("t=x,v1=zz", BODY, List.of("secret"), NOW, TOLERANCE)).isEqualTo(WebhookSignature.Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(header, BODY, List.of("other"), NOW, TOLERANCE)).isEqualTo(WebhookSignature.Verdict.MISMATCH);
        assertThat(WebhookSignature.verify(header, "{\"id\":2}".getBytes(StandardCharsets.UTF_8), List.of("secret"), NOW, TOLERANCE))
                .isEqualTo(WebhookSignature.Verdict.MISMATCH);
        assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), NOW.plusSeconds(301), TOLERANCE))
                .isEqualTo(WebhookSignature.Verdict.EXPIRED);
        assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), NOW.minusSeconds(301), TOLERANCE))
                .isEqualTo(WebhookSignature.Verdict.EXPIRED);
        assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), NOW.plusSeconds(300), TOLERANCE))
                .isEqualTo(WebhookSignature.Verdict.VALID);
    }
}
