package dev.p21bridge.app.console;

import dev.p21bridge.app.MappingPreview;
import dev.p21bridge.app.holds.HoldBook;
import dev.p21bridge.app.trace.TraceService;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.http.KafkaReadiness;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import dev.p21bridge.platform.http.ServiceEndpoints;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.reconciliation.ReconciliationSerdes;
import dev.p21bridge.reconciliation.report.ReconciliationReader;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.transformer.mapping.PublishedMappings;
import dev.p21bridge.app.console.alerts.AlertConfig;
import dev.p21bridge.schemas.OrderReconciliation;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code ./bridge run console}: the ops console as its own service against an outside Kafka and registry, with its
 * order-trace index (a Kafka Streams application of its own, docs/operations.md, 'Tracing an order'), on every
 * interface, as a deployment serves it behind its own network rules. The other services run in other processes: the
 * Flows page reads Kafka for lag, retry depth and dead letters, and the services' own {@code /metrics} that
 * {@link ConsoleConfig#SERVICE_METRICS} names for rates, failures and circuit states; without that setting, rates
 * come from offsets and failures and circuits show as "–".
 */
public final class StandaloneConsole implements AutoCloseable {

    /** The variable holding the token; the console refuses to start without one (it would have no login). */
    public static final String ADMIN_TOKEN = "BRIDGE_ADMIN_TOKEN";

    private final Admin admin;
    private final TraceService trace;
    private final OpsConsole console;

    private StandaloneConsole(Admin admin, TraceService trace, OpsConsole console) {
        this.admin = admin;
        this.trace = trace;
        this.console = console;
    }

    public static StandaloneConsole start(Environment env, int port) {
        String token = env.variables().get(ADMIN_TOKEN);
        if (token == null || token.isBlank()) {
            throw new ConfigException(ADMIN_TOKEN + " is missing: the console's login and its API's bearer token");
        }
        KafkaConfig kafka = KafkaConfig.from(env);
        ConsoleConfig config = ConsoleConfig.from(env);
        AlertConfig alerts = AlertConfig.from(env);
        Admin admin = Admin.create(ClientProperties.admin(kafka));
        TraceService trace = null;
        try {
            new TopicInitializer(admin, kafka).createMissing(Topics.all(), Duration.ofSeconds(30));
            trace = TraceService.start(env, null);
            SchemaRegistryClient registry = new SchemaRegistryClient(kafka.schemaRegistryUrl().toString());
            ReconciliationReader reconciliations = new ReconciliationReader(kafka.clientProperties(),
                    ReconciliationSerdes.confluent(registry).reconciliations().deserializer());
            DeadLetterStore deadLetters = new DeadLetterStore(kafka.clientProperties());
            AdminApi api = new AdminApi(deadLetters, token);
            KafkaReadiness readiness = new KafkaReadiness(admin);
            Map<String, String> links = new LinkedHashMap<>();
            links.put("Kafka", kafka.bootstrapServers());
            links.put("Schema registry", kafka.schemaRegistryUrl().toString());
            PrometheusMeterRegistry metrics = Metrics.prometheus("console");
            FlowMonitor flows = new FlowMonitor(config, admin, null, deadLetters, Clock.systemUTC());
            HoldBook holds = new HoldBook(kafka);
            Supplier<Collection<OrderReconciliation>> latest = () -> reconciliations.latest(ReconciliationReader.Progress.NONE);
            OpsConsole console = new OpsConsole(metrics,
                    List.of(new ServiceEndpoints.Check("kafka", readiness::isReachable),
                            new ServiceEndpoints.Check("trace-index", trace::isRunning)), () -> links,
                    api, latest)
                    .withTrace(new TraceApi(trace.tracer(), api))
                    .withResync(trace.resync())
                    .withMappingPreview(() -> new PublishedMappings(kafka, Clock.systemUTC()).read().activeSet(),
                            new MappingPreview(env))
                    .withFlows(flows)
                    .withAlerts(OpsConsole.alertMonitor(alerts, flows, null, metrics, latest, holds, Clock.systemUTC()))
                    .withHolds(holds)
                    .withSchemaRegistry(registry)
                    .start(ListenAddress.EVERY_INTERFACE, port);
            return new StandaloneConsole(admin, trace, console);
        } catch (RuntimeException e) {
            if (trace != null) {
                trace.close();
            }
            admin.close();
            throw e;
        }
    }

    public int port() {
        return console.port();
    }

    @Override
    public void close() {
        console.close();
        trace.close();
        admin.close();
    }
}
