package dev.p21bridge.ingress.availability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks an {@code Authorization: Bearer <token>} header against a store's availability token. Only SHA-256 digests
 * are kept and compared, in constant time, so neither the token's content nor its length shows in how long a wrong
 * guess takes; the header itself is never logged.
 */
public final class StoreTokens {

    private static final String SCHEME = "bearer ";

    private final Map<String, byte[]> digests = new HashMap<>();

    public StoreTokens(Map<String, String> tokens) {
        tokens.forEach((store, token) -> digests.put(store, digest(token)));
    }

    /** Whether the store has an availability token at all. */
    public boolean enabled(String store) {
        return digests.containsKey(store);
    }

    /** Whether {@code authorization} (the header's value, may be null) carries the store's token. */
    public boolean accepts(String store, String authorization) {
        byte[] expected = digests.get(store);
        if (expected == null || authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
