package dev.p21bridge.p21client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P21's token endpoint ({@code POST /api/security/token/v2}) and bearer check, as every stub P21 of the tests needs
 * them: tokens {@code tok-1}, {@code tok-2} ... for one user, with a lifetime a test sets, refused once revoked.
 * Answers P21's documented error shapes: {@code invalid_grant} for wrong credentials, 401 for an unknown bearer.
 */
public final class StubP21Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String username;
    private final String password;
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long lifetimeSeconds;

    public StubP21Tokens(String username, String password, long lifetimeSeconds) {
        this.username = username;
        this.password = password;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    /** The handler of {@code POST /api/security/token/v2}. */
    public void issue(Context ctx) throws Exception {
        JsonNode body = JSON.readTree(ctx.body());
        if (!username.equals(body.path("username").asText()) || !password.equals(body.path("password").asText())) {
            answer(ctx, 401, Map.of("error", "invalid_grant", "error_description",
                    "The user name or password is incorrect."));
            return;
        }
        String token = "tok-" + issued.incrementAndGet();
        valid.add(token);
        answer(ctx, 200, Map.of("AccessToken", token, "RefreshToken", "r-" + token,
                "ExpiresInSeconds", lifetimeSeconds, "TokenType", "Bearer"));
    }

    /** True when the request carries a valid bearer token; otherwise answers 401 as P21 does and returns false. */
    public boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ") || !valid.contains(header.substring(7))) {
            answer(ctx, 401, Map.of("error", Map.of("message", "Authorization has been denied for this request.")));
            return false;
        }
        return true;
    }

    /** Every token issued so far is refused from now on, as after an expiry or a P21 restart. */
    public void revoke() {
        valid.clear();
    }

    /** The {@code ExpiresInSeconds} of tokens issued from now on. */
    public void lifetimeSeconds(long seconds) {
        lifetimeSeconds = seconds;
    }

    public int issued() {
        return issued.get();
    }

    private static void answer(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
