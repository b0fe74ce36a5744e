package dev.p21bridge.app.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login to the console's pages with the admin token (docs/contract.md, section 'Ops console'): the token is checked
 * once, then a random session id in an HttpOnly, SameSite=Strict cookie stands for it, so the token is never kept in
 * the browser. Sessions live in memory for 12 hours and end with the process.
 */
final class ConsoleLogin {

    static final String COOKIE = "bridge-session";
    static final Duration SESSION = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminApi admin;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

    ConsoleLogin(AdminApi admin) {
        this.admin = admin;
    }

    void install(JavalinConfig config) {
        config.routes.get("/login", ctx -> ctx.html(form(ctx.queryParam("next"), null)));
        config.routes.post("/login", ctx -> {
            String next = ctx.formParam("next");
            if (!admin.accepts(ctx.formParam("token"))) {
                ctx.status(HttpStatus.UNAUTHORIZED).html(form(next, "That is not the admin token."));
                return;
            }
            byte[] id = new byte[32];
            RANDOM.nextBytes(id);
            String session = HexFormat.of().formatHex(id);
            sessions.entrySet().removeIf(e -> e.getValue().isBefore(Instant.now()));
            sessions.put(session, Instant.now().plus(SESSION));
            ctx.cookie(new Cookie(COOKIE, session, "/", (int) SESSION.toSeconds(), false, true, null, SameSite.STRICT));
            ctx.redirect(local(next), HttpStatus.SEE_OTHER);
        });
        config.routes.post("/logout", ctx -> {
            String session = ctx.cookie(COOKIE);
            if (session != null) {
                sessions.remove(session);
            }
            ctx.removeCookie(COOKIE, "/");
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
    }

    /** True when the request carries a live session; otherwise answers with a redirect to the login form. */
    boolean require(Context ctx) {
        String session = ctx.cookie(COOKIE);
        Instant until = session == null ? null : sessions.get(session);
        if (until != null && until.isAfter(Instant.now())) {
            return true;
        }
        String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.redirect("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
        return false;
    }

    private static String form(String next, String error) {
        return Html.page("p21-bridge: log in", (error == null ? "" : "<p><strong>" + Html.escape(error) + "</strong></p>")
                + "<form method=post action=\"/login\"><input type=hidden name=next value=\"" + Html.escape(local(next))
                + "\"><label>Admin token <input type=password name=token autofocus></label> <button>Log in</button>"
                + "</form>");
    }

    /** Only a path of this console: never a redirect to another site. */
    private static String local(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
