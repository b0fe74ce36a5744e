package dev.p21bridge.sandbox;

import dev.p21bridge.app.MappingPreview;
import dev.p21bridge.app.console.AdminApi;
import dev.p21bridge.app.holds.HoldBook;
import dev.p21bridge.app.console.ConsoleConfig;
import dev.p21bridge.app.console.alerts.AlertConfig;
import dev.p21bridge.app.console.FlowMonitor;
import dev.p21bridge.app.console.OpsConsole;
import dev.p21bridge.app.console.TraceApi;
import dev.p21bridge.app.trace.TraceService;
import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.ingress.availability.AvailabilityConfig;
import dev.p21bridge.ingress.WebhookIngress;
import dev.p21bridge.ingress.p21.P21ChangePoller;
import dev.p21bridge.ingress.p21.P21PollerConfig;
import dev.p21bridge.ingress.poll.StoreOrderPoller;
import dev.p21bridge.kafka.EmbeddedKafkaBroker;
import dev.p21bridge.p21.P21Config;
import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreMode;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.http.KafkaReadiness;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import dev.p21bridge.platform.http.ServiceEndpoints;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.transformer.mapping.PublishedMappings;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.reconciliation.ReconciliationConfig;
import dev.p21bridge.reconciliation.ReconciliationSerdes;
import dev.p21bridge.reconciliation.ReconciliationService;
import dev.p21bridge.reconciliation.report.ReconciliationReader;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.simulators.clarity.ClaritySimulator;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import dev.p21bridge.storefront.StorefrontSinkConfig;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.TransformerService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import dev.p21bridge.schemas.OrderReconciliation;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code ./bridge up} runs, in one JVM: a real KRaft broker, the schema registry, the three simulators and
 * the services, wired to each other on the ports of docs/contract.md, section 'Ports'. Started in dependency order and
 * closed in reverse, each part within its own bound, so a stop finishes well inside 15 s.
 */
public final class BridgeSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BridgeSystem.class);
    static final String XCART_DEV_SECRET = "xcart-dev-secret";
    static final String CLARITY_DEV_SECRET = "clarity-dev-secret";
    private static final Duration STORE_POLL_TIMEOUT = Duration.ofSeconds(10);

    private final SystemOptions options;
    private final Map<String, String> outsideEnvironment;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final PrometheusMeterRegistry metrics = Metrics.prometheus("p21-bridge");

    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private P21Simulator p21;
    private XCartSimulator xcart;
    private ClaritySimulator clarity;
    /** A simulator for each store of BRIDGE_STORES not named as its platform, by store name. */
    private final Map<String, StorefrontSimulator> otherStores = new java.util.LinkedHashMap<>();
    private final Map<String, Integer> otherStorePorts = new java.util.LinkedHashMap<>();
    private WebhookIngress ingress;
    private TransformerService transformer;
    private ReconciliationService reconciliation;
    private volatile P21SinkService p21Sink;
    private P21ChangePoller poller;
    private StoreOrderPoller storePoller;
    private StorefrontSinkService storefrontSink;
    private OpsConsole console;
    private TraceService trace;
    private Environment environment;
    private KafkaReadiness kafkaReadiness;
    private AdminToken adminToken;

    public BridgeSystem(SystemOptions options, Map<String, String> outsideEnvironment) {
        this.options = options;
        this.outsideEnvironment = Map.copyOf(outsideEnvironment);
    }

    public synchronized BridgeSystem start() {
        adminToken = AdminToken.of(options.dataDir(), outsideEnvironment);
        ListenAddress listen = options.listen();
        String bootstrap = options.externalKafka();
        if (bootstrap == null) {
            broker = track(EmbeddedKafkaBroker.builder().dataDir(options.kafkaDir()).port(options.kafkaPort())
                    .listenAddress(listen.host()).build().start());
            bootstrap = broker.bootstrapServers();
        }
        environment = new Environment(withOtherStores(serviceEnvironment(bootstrap), listen));
        KafkaConfig kafka = KafkaConfig.from(environment);
        Admin admin = track(Admin.create(ClientProperties.admin(kafka)));
        new TopicInitializer(admin, kafka).createMissing(Topics.all(), Duration.ofSeconds(30));
        kafkaReadiness = new KafkaReadiness(admin);
        EmbeddedSchemaRegistry newRegistry = new EmbeddedSchemaRegistry(bootstrap, options.registryPort());
        if (!listen.isLoopback()) {
            newRegistry.listenOn(listen.host(), adminToken.value());
        }
        registry = track(newRegistry.start());
        environment = new Environment(withRegistry(environment.variables(), registry.url()));

        if (options.externalP21() == null) {
            p21 = track(new P21Simulator(P21SimulatorConfig.defaults().withPort(options.p21Port())
                    .withDataDir(options.simulatorsDir()).withOrdersKept(options.simulatorOrdersKept())).listenOn(listen).start());
            environment = new Environment(withP21(environment.variables(), p21.url()));
        } else {
            Map<String, String> env = new HashMap<>(environment.variables());
            env.put("BRIDGE_P21_URL", options.externalP21());
            environment = new Environment(env);
        }

        transformer = track(new TransformerService(TransformerConfig.from(environment)
                .withStateDir(options.streamsDir()), metrics).start());
        reconciliation = track(new ReconciliationService(ReconciliationConfig.from(environment, options.streamsDir()),
                metrics).start());
        p21Sink = track(P21SinkService.withSchemaRegistry(P21Config.from(environment), metrics).start());
        ingress = track(new WebhookIngress(IngressConfig.from(environment)).listenOn(listen).start());
        poller = track(new P21ChangePoller(P21PollerConfig.from(environment), KafkaConfig.from(environment), metrics).start());

        URI webhooks = URI.create("http://" + listen.urlHost() + ":" + ingress.port() + "/webhooks/");
        xcart = track((XCartSimulator) new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults()
                .withPort(options.xcartPort()).withDataDir(options.simulatorsDir())
                .withOrdersKept(options.simulatorOrdersKept())
                .withWebhookUrl(webhooks.resolve("xcart")).withWebhookSecret(firstSecret("BRIDGE_XCART_WEBHOOK_SECRET")))
                .listenOn(listen).start());
        clarity = track((ClaritySimulator) new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults()
                .withPort(options.clarityPort()).withDataDir(options.simulatorsDir())
                .withOrdersKept(options.simulatorOrdersKept())
                .withWebhookUrl(webhooks.resolve("clarity")).withWebhookSecret(firstSecret("BRIDGE_CLARITY_WEBHOOK_SECRET")))
                .listenOn(listen).start());

        for (Map.Entry<String, StorePlatform> store : environment.get(StoreSettings.STORES).entrySet()) {
            if (otherStorePorts.containsKey(store.getKey())) {
                otherStores.put(store.getKey(), track(otherStore(store.getKey(), store.getValue(), webhooks, listen)));
            }
        }

        Map<String, String> storefronts = new HashMap<>(environment.variables());
        storefronts.putIfAbsent("BRIDGE_XCART_URL", xcart.url().toString());
        storefronts.putIfAbsent("BRIDGE_CLARITY_URL", clarity.url().toString());
        environment = new Environment(storefronts);
        storefrontSink = track(StorefrontSinkService.withSchemaRegistry(StorefrontSinkConfig.from(environment), metrics).start());
        List<Store> stores = StoreSettings.from(environment);
        // a simulated store in mode poll behaves as stock X-Cart 5.5: it sends no webhooks at all
        stores.stream().filter(store -> store.mode() == StoreMode.POLL).forEach(store ->
                store(store.name()).webhooksEnabled(false));
        storePoller = track(new StoreOrderPoller(stores, KafkaConfig.from(environment), metrics,
                STORE_POLL_TIMEOUT).start());

        ReconciliationReader reconciliations = reconciliationReader(kafka);
        DeadLetterStore deadLetters = new DeadLetterStore(kafka.clientProperties());
        trace = track(TraceService.start(environment, options.streamsDir()));
        AdminApi adminApi = new AdminApi(deadLetters, adminToken());
        // the ingress counts its webhook rejections in a registry of its own: the Flows page reads its /metrics
        ConsoleConfig consoleConfig = ConsoleConfig.from(environment);
        if (!consoleConfig.serviceMetrics().containsKey("ingress")) {
            consoleConfig = consoleConfig.withServiceMetrics("ingress",
                    URI.create("http://" + listen.urlHost() + ":" + ingress.port() + "/metrics"));
        }
        FlowMonitor flows = new FlowMonitor(consoleConfig, admin, metrics, deadLetters, Clock.systemUTC());
        HoldBook holds = new HoldBook(kafka);
        Supplier<Collection<OrderReconciliation>> latestReconciliations =
                () -> reconciliations.latest(ReconciliationReader.Progress.NONE);
        console = track(new OpsConsole(metrics, List.of(
                new ServiceEndpoints.Check("kafka", this::kafkaReachable),
                new ServiceEndpoints.Check("transformer", transformer::isRunning),
                new ServiceEndpoints.Check("reconciliation", reconciliation::isRunning),
                new ServiceEndpoints.Check("p21-sink", () -> p21Sink.isRunning()),
                new ServiceEndpoints.Check("p21-poller", poller::isRunning),
                new ServiceEndpoints.Check("store-poller", () -> storePoller.isRunning()
                        || stores.stream().noneMatch(store -> store.mode().polls())),
                new ServiceEndpoints.Check("storefront-sink", storefrontSink::isRunning),
                new ServiceEndpoints.Check("trace-index", trace::isRunning)), this::links,
                adminApi, latestReconciliations)
                .withTrace(new TraceApi(trace.tracer(), adminApi))
                .withResync(trace.resync())
                .withMappingPreview(() -> new PublishedMappings(kafka, Clock.systemUTC()).read().activeSet(),
                        new MappingPreview(environment))
                .withFlows(flows)
                .withAlerts(OpsConsole.alertMonitor(AlertConfig.from(environment), flows, metrics, metrics,
                        latestReconciliations, holds, Clock.systemUTC()))
                .withHolds(holds)
                .withSchemaRegistry(new SchemaRegistryClient(registry.url()))
                .start(listen, options.consolePort()));
        if (options.demo()) {
            xcart.startTrickle(1.0);
            clarity.startTrickle(0.5);
            if (p21 != null) {
                track(new DemoCashFlow(p21, Map.of("xcart", xcart, "clarity", clarity),
                        DemoCashFlow.Settings.defaults(), Clock.systemUTC()).start());
            }
        }
        return this;
    }

    private ReconciliationReader reconciliationReader(KafkaConfig kafka) {
        return new ReconciliationReader(kafka.clientProperties(), ReconciliationSerdes.confluent(
                new SchemaRegistryClient(registry.url())).reconciliations().deserializer());
    }

    private boolean kafkaReachable() {
        return kafkaReadiness.isReachable();
    }

    /** The settings the services see: the outside environment, with the embedded system's addresses forced. */
    Map<String, String> serviceEnvironment(String bootstrap) {
        Map<String, String> env = new HashMap<>(outsideEnvironment);
        env.put(KafkaConfig.BOOTSTRAP.name(), bootstrap);
        env.put("BRIDGE_INGRESS_PORT", Integer.toString(options.ingressPort()));
        env.putIfAbsent("BRIDGE_XCART_WEBHOOK_SECRET", XCART_DEV_SECRET);
        env.putIfAbsent("BRIDGE_CLARITY_WEBHOOK_SECRET", CLARITY_DEV_SECRET);
        for (String store : new Environment(outsideEnvironment).get(StoreSettings.STORES).keySet()) {
            env.putIfAbsent(AvailabilityConfig.tokenVariable(store), devAvailabilityToken(store));
        }
        env.remove("BRIDGE_TOPIC_REPLICATION_FACTOR");
        env.remove("BRIDGE_TOPIC_MIN_INSYNC_REPLICAS");
        return env;
    }

    /** The availability API's token of {@code store} in the sandbox unless its variable is set. */
    static String devAvailabilityToken(String store) {
        return store + "-dev-availability-token";
    }

    private static Map<String, String> withRegistry(Map<String, String> env, String url) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(KafkaConfig.SCHEMA_REGISTRY_URL.name(), url);
        return copy;
    }

    private static Map<String, String> withP21(Map<String, String> env, String url) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("BRIDGE_P21_URL", url);
        copy.put("BRIDGE_P21_USERNAME", P21SimulatorConfig.defaults().username());
        copy.put("BRIDGE_P21_PASSWORD", P21SimulatorConfig.defaults().password());
        return copy;
    }

    /** {@code BRIDGE_ADMIN_TOKEN}, or the random one of this data directory ({@link AdminToken}). */
    public String adminToken() {
        return adminToken.value();
    }

    /**
     * Each store of {@code BRIDGE_STORES} not named as its platform gets a simulator of its own on a free port, with
     * a dev secret and token unless the environment names them, so a merchant can try several stores of one
     * platform before connecting real ones.
     */
    private Map<String, String> withOtherStores(Map<String, String> variables, ListenAddress listen) {
        Map<String, String> env = new HashMap<>(variables);
        new Environment(variables).get(StoreSettings.STORES).forEach((name, platform) -> {
            if (name.equals(platform.id())) {
                return;
            }
            int port = freePort();
            otherStorePorts.put(name, port);
            env.putIfAbsent(StoreSettings.of(StoreSettings.WEBHOOK_SECRET, name).name(), name + "-dev-secret");
            env.putIfAbsent(StoreSettings.of(StoreSettings.TOKEN, name).name(), platform.id() + "-dev-token");
            env.putIfAbsent(StoreSettings.of(StoreSettings.URL, name).name(),
                    "http://" + listen.urlHost() + ":" + port);
        });
        return env;
    }

    private StorefrontSimulator otherStore(String name, StorePlatform platform, URI webhooks, ListenAddress listen) {
        StorefrontSimulatorConfig defaults = platform == StorePlatform.XCART ? StorefrontSimulatorConfig.xcartDefaults()
                : StorefrontSimulatorConfig.clarityDefaults();
        StorefrontSimulatorConfig config = defaults.withPort(otherStorePorts.get(name))
                .withDataDir(options.simulatorsDir().resolve(name))
                .withOrdersKept(options.simulatorOrdersKept())
                .withApiToken(environment.variables().get(StoreSettings.of(StoreSettings.TOKEN, name).name()))
                .withWebhookUrl(webhooks.resolve(name))
                .withWebhookSecret(firstSecret(StoreSettings.of(StoreSettings.WEBHOOK_SECRET, name).name()));
        StorefrontSimulator simulator = platform == StorePlatform.XCART ? new XCartSimulator(config)
                : new ClaritySimulator(config);
        return simulator.listenOn(listen).start();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port for a store simulator", e);
        }
    }

    private String firstSecret(String name) {
        return environment.variables().get(name).split(",")[0].trim();
    }

    /** What {@code up} prints and the console links to. */
    public Map<String, String> links() {
        Map<String, String> links = new java.util.LinkedHashMap<>();
        links.put("Kafka", environment.variables().get(KafkaConfig.BOOTSTRAP.name()));
        links.put("Schema registry", registry.url());
        String host = options.listen().urlHost();
        links.put("Ingress (webhooks)", "http://" + host + ":" + ingress.port() + "/webhooks/{" + String.join(",",
                environment.get(StoreSettings.STORES).keySet()) + "}");
        links.put("Availability API", "http://" + host + ":" + ingress.port() + "/stores/{store}/availability?sku=...");
        links.put("Ops console", console == null ? "-" : "http://" + host + ":" + console.port());
        links.put(p21 == null ? "P21" : "P21 simulator", environment.variables().get("BRIDGE_P21_URL"));
        links.put("X-Cart simulator", xcart.url().toString());
        links.put("Clarity simulator", clarity.url().toString());
        otherStores.forEach((name, simulator) -> links.put("Store " + name + " simulator", simulator.url().toString()));
        return links;
    }

    public String describe() {
        StringBuilder text = new StringBuilder("p21-bridge is up (data in ").append(options.dataDir()).append(")\n");
        links().forEach((name, url) -> text.append(String.format("  %-20s %s%n", name, url)));
        text.append("  Webhook secrets:     X-Cart ").append(printable("BRIDGE_XCART_WEBHOOK_SECRET"))
                .append(", Clarity ").append(printable("BRIDGE_CLARITY_WEBHOOK_SECRET")).append('\n');
        text.append("  Availability tokens:");
        for (String store : environment.get(StoreSettings.STORES).keySet()) {
            String variable = AvailabilityConfig.tokenVariable(store);
            text.append(' ').append(store).append(' ').append(outsideEnvironment.containsKey(variable)
                    ? "from $" + variable : devAvailabilityToken(store));
        }
        text.append('\n');
        text.append("  Admin API token:     ").append(adminToken.describe()).append('\n');
        if (!options.listen().isLoopback()) {
            text.append("  Listening on ").append(options.listen().host())
                    .append(": the simulators and the registry are reachable from the network.\n");
        }
        text.append("  Stop with Ctrl-C or SIGTERM.");
        return text.toString();
    }

    /** A dev secret as it is; one given in the environment only by its variable's name: secrets are never printed. */
    private String printable(String variable) {
        return outsideEnvironment.containsKey(variable) ? "from $" + variable : firstSecret(variable);
    }

    public String kafkaBootstrap() {
        return environment.variables().get(KafkaConfig.BOOTSTRAP.name());
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    public P21Simulator p21() {
        return p21;
    }

    public XCartSimulator xcart() {
        return xcart;
    }

    public ClaritySimulator clarity() {
        return clarity;
    }

    /** The simulator of the store {@code name} of BRIDGE_STORES ({@code xcart} and {@code clarity} included). */
    public StorefrontSimulator store(String name) {
        if (name.equals("xcart")) {
            return xcart;
        }
        if (name.equals("clarity")) {
            return clarity;
        }
        StorefrontSimulator simulator = otherStores.get(name);
        if (simulator == null) {
            throw new IllegalArgumentException("no store named " + name + " runs here; the stores are xcart, clarity"
                    + (otherStores.isEmpty() ? "" : " and " + String.join(", ", otherStores.keySet())));
        }
        return simulator;
    }

    public WebhookIngress ingress() {
        return ingress;
    }

    public OpsConsole console() {
        return console;
    }

    /** The registry every service of this system reports to (what the console serves as {@code /metrics}). */
    public MeterRegistry metrics() {
        return metrics;
    }

    /**
     * Stops the p21-sink and starts a new one on the same settings, as a restart of its process would: what it knew
     * in memory is gone, what it keeps in Kafka is not. For benchmarks and tests of "right after a restart".
     */
    public synchronized void restartP21Sink() {
        P21SinkService stopped = p21Sink;
        stopped.close();
        started.remove(stopped);
        p21Sink = track(P21SinkService.withSchemaRegistry(P21Config.from(environment), metrics).start());
    }

    private <T extends AutoCloseable> T track(T part) {
        started.push(part);
        return part;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        metrics.close();
    }
}
