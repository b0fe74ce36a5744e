package dev.p21bridge.app.console;

import dev.p21bridge.app.MappingPreview;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.ServiceEndpoints;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.transformer.mapping.MappingSet;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ops console of {@code ./bridge up} (port 8090): a dashboard linking every part, the health of every service in
 * one answer, and the metrics of every service in one Prometheus scrape, since they share this JVM; the
 * reconciliation page after login with the admin token, and the admin API behind it as a bearer token.
 */
public final class OpsConsole implements AutoCloseable {

    private final ServiceEndpoints endpoints;
    private final Supplier<Map<String, String>> links;
    private final AdminApi admin;
    private final ConsoleLogin login;
    private final ReconciliationPage reconciliation;
    private MappingPreviewApi mappings;
    private TraceApi trace;
    private Javalin app;

    /** A console without a reconciliation: its page and API answer 503. */
    public OpsConsole(PrometheusMeterRegistry metrics, List<ServiceEndpoints.Check> checks, Supplier<Map<String, String>> links,
               AdminApi admin) {
        this(metrics, checks, links, admin, null);
    }

    /** @param reconciliations every order's latest reconciliation, read anew on each call */
    public OpsConsole(PrometheusMeterRegistry metrics, List<ServiceEndpoints.Check> checks, Supplier<Map<String, String>> links,
               AdminApi admin, Supplier<Collection<OrderReconciliation>> reconciliations) {
        this.endpoints = new ServiceEndpoints("p21-bridge", metrics, checks);
        this.links = links;
        this.admin = admin;
        this.login = new ConsoleLogin(admin);
        this.reconciliation = new ReconciliationPage(reconciliations, login, admin);
    }

    /**
     * Answers {@code POST /api/mappings/preview} with the set {@code activeSet} gives (read anew per request: the one
     * in use); without it the route is not served.
     */
    public OpsConsole withMappingPreview(Supplier<MappingSet> activeSet, MappingPreview preview) {
        this.mappings = new MappingPreviewApi(activeSet, preview, admin);
        return this;
    }

    /** Answers {@code GET /api/trace} ({@link TraceApi}); without it the route is not served. */
    public OpsConsole withTrace(TraceApi trace) {
        this.trace = trace;
        return this;
    }

    /** Serves on {@code port} of {@code address}: loopback in the sandbox unless {@code --listen} opens it. */
    public OpsConsole start(ListenAddress address, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            endpoints.install(config);
            admin.install(config);
            login.install(config);
            reconciliation.install(config);
            if (mappings != null) {
                mappings.install(config);
            }
            if (trace != null) {
                trace.install(config);
            }
            config.routes.get("/api/links", ctx -> ctx.json(links.get()));
            config.routes.get("/", ctx -> ctx.html(dashboard()));
        }).start(address.host(), port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private String dashboard() {
        StringBuilder html = new StringBuilder(Html.head("p21-bridge")).append("<h1>p21-bridge</h1>");
        Map<String, Object> health = endpoints.health();
        html.append("<h2>Health: ").append(health.get("status")).append("</h2><table>");
        ((Map<?, ?>) health.get("checks")).forEach((name, state) ->
                html.append("<tr><td>").append(name).append("</td><td>").append(state).append("</td></tr>"));
        html.append("</table><h2>Parts</h2><table>");
        links.get().forEach((name, url) -> html.append("<tr><td>").append(name).append("</td><td>")
                .append(url.startsWith("http") ? "<a href=\"" + url + "\">" + url + "</a>" : url).append("</td></tr>"));
        return html.append("</table><p><a href=/health>/health</a> · <a href=/metrics>/metrics</a></p></body></html>").toString();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
