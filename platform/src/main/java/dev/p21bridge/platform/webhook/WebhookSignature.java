package dev.p21bridge.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Stripe-style webhook signature of docs/contract.md, section 'Webhooks':
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}, with several {@code v1=} values allowed
 * while a secret is being rotated.
 *
 * <p>Storefront simulators sign with it and the ingress verifies with it, so both sides agree on the bytes signed.
 * Comparison is constant-time ({@link MessageDigest#isEqual}) so the answer time does not leak how much of a guess
 * was right.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Webhook-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    /**
     * Unix seconds as one canonical decimal: no sign, no leading zero, at most 18 digits (so it fits a long). The
     * signed text is {@code "<t>."} as the sender wrote it, so {@code +17...} or {@code 017...} would be a second
     * spelling of one number.
     */
    private static final Pattern TIMESTAMP = Pattern.compile("0|[1-9][0-9]{0,17}");

    /** Why a signature was refused; the ingress turns each into a 401 with this text. */
    public enum Verdict {
        VALID(null),
        MISSING("signature header missing"),
        MALFORMED("signature header malformed, expected t=<unix seconds>,v1=<hex>"),
        EXPIRED("signature timestamp more than 300 s from now"),
        MISMATCH("signature does not match the body");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private WebhookSignature() {
    }

    /** The header value for {@code body} signed at {@code timestamp} with every secret given (one v1 per secret). */
    public static String sign(byte[] body, Instant timestamp, List<String> secrets) {
        long t = timestamp.getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String secret : secrets) {
            header.append(",v1=").append(HexFormat.of().formatHex(hmac(secret, t, body)));
        }
        return header.toString();
    }

    public static String sign(byte[] body, Instant timestamp, String secret) {
        return sign(body, timestamp, List.of(secret));
    }

    /**
     * Checks {@code header} against every secret in {@code secrets}; valid when any {@code v1} matches any secret and
     * the timestamp lies within {@code tolerance} of {@code now} in either direction.
     */
    public static Verdict verify(String header, byte[] body, List<String> secrets, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Long timestamp = null;
        List<byte[]> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Verdict.MALFORMED;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            try {
                if (name.equals("t")) {
                    if (timestamp != null || !TIMESTAMP.matcher(value).matches()) {
                        return Verdict.MALFORMED;
                    }
                    timestamp = Long.parseLong(value);
                } else if (name.equals("v1")) {
                    candidates.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                return Verdict.MALFORMED;
            }
        }
        if (timestamp == null || candidates.isEmpty()) {
            return Verdict.MALFORMED;
        }
        if (!withinTolerance(now.getEpochSecond(), timestamp, tolerance.getSeconds())) {
            return Verdict.EXPIRED;
        }
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = hmac(secret, timestamp, body);
            for (byte[] candidate : candidates) {
                // no early exit: every comparison runs, whatever matched first
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return matched ? Verdict.VALID : Verdict.MISMATCH;
    }

    /**
     * Whether {@code |now - timestamp| <= tolerance}, without the overflow of {@code Math.abs(now - timestamp)}: that
     * difference wraps for timestamps near {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE}, and
     * {@code Math.abs(Long.MIN_VALUE)} is negative, so a wrapped difference passed as "within" the tolerance.
     */
    static boolean withinTolerance(long now, long timestamp, long tolerance) {
        try {
            return Math.absExact(Math.subtractExact(now, timestamp)) <= tolerance;
        } catch (ArithmeticException differenceBeyondALong) {
            return false;
        }
    }

    /** Provider lookup is the costly part of {@link Mac#getInstance}; one instance per thread, re-keyed per call. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key cannot be refused", e);
        }
    }
}
