package dev.p21bridge.app.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Login to the console's pages with the admin token (docs/contract.md, section 'Ops console'): the token is checked
 * once, then a {@link ConsoleSessions} id in an HttpOnly, SameSite=Strict cookie (Secure when served on https) stands
 * for it. Every page wants a session ({@link #require}); every POST of a page wants the session's CSRF token, checked
 * here for all of them before any route runs, so a new form cannot forget it.
 */
final class ConsoleLogin {

    static final String COOKIE = "bridge-session";

    private final AdminApi admin;
    private final ConsoleSessions sessions;

    ConsoleLogin(AdminApi admin, ConsoleSessions sessions) {
        this.admin = admin;
        this.sessions = sessions;
    }

    void install(JavalinConfig config) {
        config.routes.before(this::checkCsrf);
        config.routes.get("/login", ctx -> ctx.html(form(ctx.queryParam("next"), null)));
        config.routes.post("/login", ctx -> {
            String next = ctx.formParam("next");
            if (!admin.accepts(ctx.formParam("token"))) {
                ctx.status(HttpStatus.UNAUTHORIZED).html(form(next, "That is not the admin token."));
                return;
            }
            sessions.close(ctx.cookie(COOKIE));
            ConsoleSessions.Session session = sessions.open();
            ctx.cookie(new Cookie(COOKIE, session.id(), "/", (int) ConsoleSessions.LIFETIME.toSeconds(), secure(ctx),
                    true, null, SameSite.STRICT));
            ctx.redirect(local(next), HttpStatus.SEE_OTHER);
        });
        config.routes.post("/logout", ctx -> {
            sessions.close(ctx.cookie(COOKIE));
            ctx.removeCookie(COOKIE, "/");
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
    }

    /** The request's live session; otherwise answers with a redirect to the login form and returns null. */
    ConsoleSessions.Session require(Context ctx) {
        Optional<ConsoleSessions.Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isPresent()) {
            return session.get();
        }
        String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        if (ctx.header("HX-Request") != null) {
            // htmx would swap the login form into the page: send the whole page there instead
            ctx.header("HX-Redirect", "/login").status(HttpStatus.UNAUTHORIZED);
            return null;
        }
        ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        return null;
    }

    /** A page of the layout, for the request's session. */
    static String page(ConsoleSessions.Session session, String title, String current, String template,
                       Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("frame", new PageFrame(title, current, session.csrfToken()));
        return Templates.render(template, all);
    }

    private void checkCsrf(Context ctx) {
        if (!"POST".equals(ctx.method().name()) || ctx.path().startsWith("/api/") || ctx.path().equals("/login")) {
            return;
        }
        Optional<ConsoleSessions.Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty() || !CsrfTokens.carries(ctx, session.get())) {
            ctx.status(HttpStatus.FORBIDDEN).html(Templates.render("message.jte", Map.of("title", "Refused",
                    "message", session.isEmpty() ? "You are not logged in (or your session ended): log in again."
                            : "This form is missing its CSRF token or carries another session's: reload the page.")));
            ctx.skipRemainingHandlers();
        }
    }

    /** Secure on https, also behind a proxy that ends TLS and says so. */
    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static String form(String next, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("next", local(next));
        params.put("error", error);
        return Templates.render("login.jte", params);
    }

    /** Only a path of this console: never a redirect to another site. */
    static String local(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
