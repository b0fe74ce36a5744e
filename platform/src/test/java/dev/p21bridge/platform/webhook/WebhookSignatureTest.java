package dev.p21bridge.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * {@code Math.abs(now - t)} overflows for {@code t = Long.MIN_VALUE + now}: the difference is exactly
     * {@code Long.MIN_VALUE}, whose absolute value is negative and so "within" any tolerance. Every timestamp the
     * header can carry must be judged by arithmetic that cannot wrap, whatever the clock says.
     */
    @ParameterizedTest(name = "t={0}")
    @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 1_763_650_000L, Long.MAX_VALUE,
            Long.MAX_VALUE - 1_763_650_000L, Long.MAX_VALUE / 1000 + 1, -(Long.MAX_VALUE / 1000 + 1), -1, 0,
            31_556_889_864_403_200L})
    void shouldCallATimestampFarFromNowExpiredEvenWhereTheDifferenceOverflowsALong(long t) {
        String resigned = "t=" + t + ",v1=" + hexHmac("secret", t);

        for (Instant now : List.of(NOW, Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.MAX, Instant.MIN)) {
            if (Math.abs((double) now.getEpochSecond() - t) <= TOLERANCE.toSeconds()) {
                continue;
            }
            assertThat(WebhookSignature.verify(resigned, BODY, List.of("secret"), now, TOLERANCE))
                    .as("t=%d now=%s", t, now).isIn(WebhookSignature.Verdict.EXPIRED, WebhookSignature.Verdict.MALFORMED);
        }
    }

    @Test
    void shouldStillAcceptATimestampJustInsideTheToleranceAtTheEdgesOfTheClock() {
        Instant now = Instant.MAX;
        long t = now.getEpochSecond() - 300;
        assertThat(WebhookSignature.verify("t=" + t + ",v1=" + hexHmac("secret", t), BODY, List.of("secret"), now,
                TOLERANCE)).isEqualTo(WebhookSignature.Verdict.VALID);
    }

    /** A tolerance so large that {@code now + tolerance} overflows must not wrap round to refusing everything. */
    @Test
    void shouldAcceptAnyTimestampUnderAToleranceLargerThanTheClockCanReach() {
        String header = WebhookSignature.sign(BODY, NOW, "secret");
        assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), NOW, Duration.ofSeconds(Long.MAX_VALUE)))
                .isEqualTo(WebhookSignature.Verdict.VALID);
    }

    /** The signed text is {@code "<t>."} as the sender wrote it; two spellings of one number, or two t's, are refused. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"t=+1763650000", "t=01763650000", "t= 1763650000x", "t=1763650000,t=1763650000",
            "t=", "t=-0", "t=99999999999999999999999"})
    void shouldRefuseATimestampThatIsNotOneCanonicalNumber(String t) {
        String v1 = WebhookSignature.sign(BODY, NOW, "secret").substring("t=1763650000".length());
        assertThat(WebhookSignature.verify(t + v1, BODY, List.of("secret"), NOW, TOLERANCE))
                .isEqualTo(WebhookSignature.Verdict.MALFORMED);
    }

    /** The v1 a sender holding the secret computes for any {@code t}, including ones {@code sign} cannot express. */
    private static String hexHmac(String secret, long t) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(mac.doFinal(BODY));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
