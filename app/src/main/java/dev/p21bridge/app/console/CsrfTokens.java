package dev.p21bridge.app.console;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Cross-site request forgery check of the console's state-changing form actions (POST only): each carries its
 * session's token, as the form field {@value #FIELD} or, from htmx, the header {@value #HEADER} (set once for the page
 * with {@code hx-headers}). The SameSite=Strict cookie already keeps other sites' forms out; the token also covers
 * browsers that ignore SameSite. The {@code /api/} routes need no token: they take no cookie, only the bearer token.
 */
final class CsrfTokens {

    static final String FIELD = "csrf";
    static final String HEADER = "X-CSRF-Token";

    private CsrfTokens() {
    }

    /** Whether the request carries {@code session}'s token, compared in constant time. */
    static boolean carries(Context ctx, ConsoleSessions.Session session) {
        String given = ctx.header(HEADER);
        if (given == null) {
            given = ctx.formParam(FIELD);
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }
}
