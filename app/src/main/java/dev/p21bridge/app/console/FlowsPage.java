package dev.p21bridge.app.console;

import dev.p21bridge.platform.http.ServiceEndpoints;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Flows page ({@code /flows}, also the console's home): one row per flow, its rows refreshed by htmx from
 * {@code /flows/rows} every few seconds, a sparkline each; below, the services' health and the links of the parts.
 */
final class FlowsPage {

    private final FlowMonitor monitor;
    private final ServiceEndpoints endpoints;
    private final Supplier<Map<String, String>> links;
    private final ConsoleLogin login;

    FlowsPage(FlowMonitor monitor, ServiceEndpoints endpoints, Supplier<Map<String, String>> links, ConsoleLogin login) {
        this.monitor = monitor;
        this.endpoints = endpoints;
        this.links = links;
        this.login = login;
    }

    void install(JavalinConfig config) {
        config.routes.get("/flows", this::page);
        config.routes.get("/flows/rows", this::rows);
    }

    private void page(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session != null) {
            Map<String, Object> health = endpoints.health();
            ctx.html(ConsoleLogin.page(session, "Flows", "/flows", "flows.jte", Map.of("flows", monitor.views(),
                    "status", String.valueOf(health.get("status")), "checks", health.get("checks"),
                    "links", links.get())));
        }
    }

    private void rows(Context ctx) {
        if (login.require(ctx) != null) {
            ctx.html(Templates.render("flow-rows.jte", Map.of("flows", monitor.views())));
        }
    }
}
