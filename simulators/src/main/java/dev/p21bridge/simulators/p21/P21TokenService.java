package dev.p21bridge.simulators.p21;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks bearer tokens as P21's {@code /api/security/token} endpoints do: by user name and password, or by
 * a consumer key's client secret. Tokens look like JWTs but are opaque to callers; they live in memory only, so a
 * simulator restart makes clients log in again. User names compare case-insensitively, secrets exactly and in
 * constant time.
 */
final class P21TokenService {

    /** A token as answered: {@code {"AccessToken","RefreshToken","ExpiresInSeconds","TokenType":"Bearer"}}. */
    record IssuedToken(String accessToken, String refreshToken, long expiresInSeconds) {
    }

    private static final int PRUNE_ABOVE = 1_000;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final P21SimulatorConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    P21TokenService(P21SimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    Optional<IssuedToken> issueForPassword(String username, String password) {
        if (username == null || password == null || !username.equalsIgnoreCase(config.username())
                || !same(password, config.password())) {
            return Optional.empty();
        }
        return Optional.of(issue(config.username()));
    }

    Optional<IssuedToken> issueForClientSecret(String clientSecret) {
        if (clientSecret == null || !same(clientSecret, config.clientSecret())) {
            return Optional.empty();
        }
        return Optional.of(issue("consumer"));
    }

    /** True when the token was issued here and has not expired. */
    boolean isValid(String accessToken) {
        Instant expiry = accessToken == null ? null : expiries.get(accessToken);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    private IssuedToken issue(String subject) {
        if (expiries.size() > PRUNE_ABOVE) {
            Instant now = clock.instant();
            expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        }
        Instant expiry = clock.instant().plus(config.tokenLifetime());
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = encode("{\"sub\":\"" + subject + "\",\"exp\":" + expiry.getEpochSecond() + ",\"jti\":\""
                + randomText(12) + "\"}");
        String token = header + "." + payload + "." + randomText(32);
        expiries.put(token, expiry);
        return new IssuedToken(token, randomText(32), config.tokenLifetime().toSeconds());
    }

    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
