package dev.p21bridge.app.console;

import dev.p21bridge.app.console.alerts.AlertMonitor;
import io.javalin.config.JavalinConfig;
import java.util.Map;

/**
 * {@code GET /api/alerts} (bearer token): the channels that are set, and per rule its definition, state, since when,
 * the last reading and the last notifications' outcomes.
 */
final class AlertsApi {

    private final AlertMonitor monitor;
    private final AdminApi admin;

    AlertsApi(AlertMonitor monitor, AdminApi admin) {
        this.monitor = monitor;
        this.admin = admin;
    }

    void install(JavalinConfig config) {
        config.routes.before("/api/alerts", admin::authorize);
        config.routes.get("/api/alerts", ctx -> ctx.json(Map.of("channels", monitor.channelNames(),
                "rules", monitor.views())));
    }
}
