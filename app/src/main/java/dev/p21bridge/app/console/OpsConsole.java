package dev.p21bridge.app.console;

import dev.p21bridge.app.MappingPreview;
import dev.p21bridge.app.resync.OrderResync;
import dev.p21bridge.app.holds.HoldBook;
import dev.p21bridge.app.holds.HoldDecisions;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.ServiceEndpoints;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.app.console.alerts.AlertConfig;
import dev.p21bridge.app.console.alerts.AlertMonitor;
import dev.p21bridge.app.console.alerts.AlertRule;
import dev.p21bridge.app.console.alerts.AlertRules;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.topics.Topics;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The ops console (port 8090): pages for people after login with the admin token (Flows, Dead letters, Trace,
 * Reconciliation, Holds, Alerts; docs/operations.md) and JSON under {@code /api/} for scripts with the bearer token (docs/contract.md,
 * section 'Ops console'). Also the health of every service in one answer and the metrics of every service in one
 * Prometheus scrape, since in {@code ./bridge up} they share this JVM; both stay open for probes and scrapers. Scripts
 * and styles come from the console itself (WebJars), nothing from the internet.
 */
public final class OpsConsole implements AutoCloseable {

    /** The reconciliation reader reads a whole compacted topic: the alerts look at it once a minute. */
    private static final Duration RECONCILIATION_EVERY = Duration.ofMinutes(1);

    private final ServiceEndpoints endpoints;
    private final Supplier<Map<String, String>> links;
    private final AdminApi admin;
    private final ConsoleLogin login;
    private final ReconciliationPage reconciliation;
    private final DeadLetterPages deadLetters;
    private MappingPreviewApi mappings;
    private FlowMonitor flows;
    private TraceApi trace;
    private OrderResync resync;
    private AlertMonitor alerts;
    private HoldBook holds;
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
        this.login = new ConsoleLogin(admin, new ConsoleSessions(Clock.systemUTC()));
        this.reconciliation = new ReconciliationPage(reconciliations, login, admin);
        this.deadLetters = new DeadLetterPages(admin.store(), login);
    }

    /**
     * Answers {@code POST /api/mappings/preview} with the set {@code activeSet} gives (read anew per request: the one
     * in use); without it the route is not served.
     */
    public OpsConsole withMappingPreview(Supplier<MappingSet> activeSet, MappingPreview preview) {
        this.mappings = new MappingPreviewApi(activeSet, preview, admin);
        return this;
    }

    /** Serves the Flows page and {@code GET /api/flows} from this monitor, which the console then starts and closes. */
    public OpsConsole withFlows(FlowMonitor monitor) {
        this.flows = monitor;
        return this;
    }

    /**
     * Serves the Alerts page and {@code GET /api/alerts} from this monitor, which the console then starts and closes;
     * build it with {@link #alertMonitor}.
     */
    public OpsConsole withAlerts(AlertMonitor monitor) {
        this.alerts = monitor;
        return this;
    }

    /**
     * An alert monitor over {@code flows}' samples, the services' meters ({@code registry}, null when they run
     * elsewhere), the reconciliation ({@code reconciliations}, null without one) and the holds ({@code holds}, null
     * without them): the rules of {@code config}'s
     * file or the shipped defaults, the channels it sets. A bad rules file is a {@link ConfigException} naming it.
     */
    public static AlertMonitor alertMonitor(AlertConfig config, FlowMonitor flows, MeterRegistry registry,
                                            MeterRegistry metrics,
                                            Supplier<Collection<OrderReconciliation>> reconciliations,
                                            HoldBook holds, Clock clock) {
        List<AlertRule> rules;
        try {
            rules = new AlertRules(flows.flowNames(), Set.copyOf(Topics.SERVICES_WITH_DLQ)).load(config.rules());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(AlertConfig.RULES.name() + ": " + e.getMessage());
        }
        AlertReadingsSource readings = new AlertReadingsSource(flows, registry, reconciliations,
                holds == null ? null : holds::all, RECONCILIATION_EVERY, clock);
        return new AlertMonitor(rules, readings, AlertMonitor.channels(config), config, clock, metrics);
    }

    /** Shows dead letters' Avro values decoded with this registry's schemas. */
    public OpsConsole withSchemaRegistry(SchemaRegistryClient registry) {
        deadLetters.decodeWith(registry);
        return this;
    }

    /** Answers {@code GET /api/trace} ({@link TraceApi}); without it the route is not served. */
    public OpsConsole withTrace(TraceApi trace) {
        this.trace = trace;
        return this;
    }

    /**
     * Re-syncs orders with this ({@code POST /api/orders/{key}/resync} and the trace page's "Re-sync this order");
     * the caller closes it.
     */
    public OpsConsole withResync(OrderResync resync) {
        this.resync = resync;
        return this;
    }

    /**
     * Serves the Holds page and {@code GET /api/holds}, {@code POST /api/holds/{key}/approve|reject} from this book
     * (docs/risk.md); without it those routes are not served.
     */
    public OpsConsole withHolds(HoldBook book) {
        this.holds = book;
        return this;
    }

    /** Serves on {@code port} of {@code address}: loopback in the sandbox unless {@code --listen} opens it. */
    public OpsConsole start(ListenAddress address, int port) {
        if (flows != null) {
            flows.start();
        }
        if (alerts != null) {
            alerts.start();
        }
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/console";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
            });
            endpoints.install(config);
            config.routes.before("/api/*", admin::authorize);
            admin.install(config);
            login.install(config);
            reconciliation.install(config);
            deadLetters.install(config);
            if (flows != null) {
                new FlowsApi(flows, admin).install(config);
                new FlowsPage(flows, endpoints, links, login).install(config);
            }
            if (alerts != null) {
                new AlertsApi(alerts, admin).install(config);
                new AlertsPage(alerts, login).install(config);
            }
            if (holds != null) {
                HoldDecisions decisions = new HoldDecisions(holds, Clock.systemUTC());
                new HoldsApi(holds, decisions, admin, Clock.systemUTC()).install(config);
                new HoldsPage(holds, decisions, login, Clock.systemUTC()).install(config);
            }
            if (mappings != null) {
                mappings.install(config);
            }
            if (trace != null) {
                trace.install(config);
                new TracePage(trace.tracer(), resync, login).install(config);
            }
            if (resync != null) {
                new OrderResyncApi(resync).install(config);
            }
            config.routes.get("/api/links", ctx -> ctx.json(links.get()));
            config.routes.get("/", ctx -> ctx.redirect(flows != null ? "/flows" : "/dead-letters", HttpStatus.SEE_OTHER));
        }).start(address.host(), port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (alerts != null) {
            alerts.close();
        }
        if (flows != null) {
            flows.close();
        }
        if (app != null) {
            app.stop();
        }
    }
}
