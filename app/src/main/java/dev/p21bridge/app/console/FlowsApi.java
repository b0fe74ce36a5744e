package dev.p21bridge.app.console;

import io.javalin.config.JavalinConfig;

/** {@code GET /api/flows} (bearer token): each flow's rate, lag, failures, dead letters, retry depth and circuit. */
final class FlowsApi {

    private final FlowMonitor monitor;
    private final AdminApi admin;

    FlowsApi(FlowMonitor monitor, AdminApi admin) {
        this.monitor = monitor;
        this.admin = admin;
    }

    void install(JavalinConfig config) {
        config.routes.before("/api/flows", admin::authorize);
        config.routes.get("/api/flows", ctx -> ctx.json(monitor.views()));
    }
}
