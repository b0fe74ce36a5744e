package dev.p21bridge.app.console;

import dev.p21bridge.app.console.alerts.AlertMonitor;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;

/** The Alerts page ({@code /alerts}): every rule with its state, refreshed by htmx from {@code /alerts/rows}. */
final class AlertsPage {

    private final AlertMonitor monitor;
    private final ConsoleLogin login;

    AlertsPage(AlertMonitor monitor, ConsoleLogin login) {
        this.monitor = monitor;
        this.login = login;
    }

    void install(JavalinConfig config) {
        config.routes.get("/alerts", this::page);
        config.routes.get("/alerts/rows", this::rows);
    }

    private void page(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session != null) {
            ctx.html(ConsoleLogin.page(session, "Alerts", "/alerts", "alerts.jte", Map.of("alerts", monitor.views(),
                    "channels", monitor.channelNames())));
        }
    }

    private void rows(Context ctx) {
        if (login.require(ctx) != null) {
            ctx.html(Templates.render("alert-rows.jte", Map.of("alerts", monitor.views())));
        }
    }
}
