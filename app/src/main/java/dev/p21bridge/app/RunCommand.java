package dev.p21bridge.app;

import dev.p21bridge.app.console.ConsoleConfig;
import dev.p21bridge.app.console.StandaloneConsole;
import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.ingress.WebhookIngress;
import dev.p21bridge.ingress.p21.P21ChangePoller;
import dev.p21bridge.ingress.p21.P21PollerConfig;
import dev.p21bridge.ingress.poll.StoreOrderPoller;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.p21.P21Config;
import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.http.KafkaReadiness;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import dev.p21bridge.platform.http.ServiceEndpoints;
import dev.p21bridge.platform.http.ServiceHttpServer;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.reconciliation.ReconciliationConfig;
import dev.p21bridge.reconciliation.ReconciliationService;
import dev.p21bridge.storefront.StorefrontSinkConfig;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.TransformerService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code ./bridge run <service>}: one service against an outside Kafka and registry, configured only by
 * {@code BRIDGE_*} variables (docs/contract.md, section 'Configuration'). A missing or malformed setting stops it
 * before anything starts.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one service (ingress, transformer, p21-sink, storefront-sink, console) against an external Kafka.")
final class RunCommand implements Callable<Integer> {

    /** Default {@code BRIDGE_HTTP_PORT} of each service run alone; docs/configuration.md lists them. */
    static final int TRANSFORMER_HTTP_PORT = 8094;
    static final int P21_SINK_HTTP_PORT = 8095;
    static final int STOREFRONT_SINK_HTTP_PORT = 8096;
    static final int CONSOLE_HTTP_PORT = 8090;

    @Parameters(index = "0", description = "ingress, transformer, p21-sink, storefront-sink or console")
    String service;

    @Override
    public Integer call() throws Exception {
        Environment env = Environment.system();
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        switch (service) {
            case "ingress" -> {
                List<Store> stores = StoreSettings.from(env);
                try (WebhookIngress ingress = new WebhookIngress(IngressConfig.from(env)).start();
                     P21ChangePoller poller = new P21ChangePoller(P21PollerConfig.from(env), KafkaConfig.from(env),
                             Metrics.prometheus("p21-poller")).start();
                     StoreOrderPoller storePoller = new StoreOrderPoller(stores, KafkaConfig.from(env),
                             Metrics.prometheus("store-poller"), env.get(StorefrontSinkConfig.TIMEOUT)).start()) {
                    System.out.println("ingress listening on :" + ingress.port() + (poller.isRunning()
                            ? "; polling P21 at " + env.get(P21PollerConfig.URL) : "; P21 polling disabled")
                            + (storePoller.isRunning() ? "; polling the orders of " + stores.stream()
                            .filter(store -> store.mode().polls()).map(Store::name).toList() : ""));
                    stop.await();
                }
            }
            case "transformer" -> {
                // the reconciliation runs in the transformer's process as its own Streams application, closed with it
                TransformerConfig config = TransformerConfig.from(env);
                ReconciliationConfig reconciliationConfig = ReconciliationConfig.from(env, config.stateDir());
                int port = env.get(ServiceHttpServer.portSetting(TRANSFORMER_HTTP_PORT));
                PrometheusMeterRegistry metrics = Metrics.prometheus("transformer");
                try (Admin admin = Admin.create(ClientProperties.admin(config.kafka()));
                     TransformerService transformer = new TransformerService(config, metrics).start();
                     ReconciliationService reconciliation = new ReconciliationService(reconciliationConfig, metrics).start();
                     ServiceHttpServer http = new ServiceHttpServer(new ServiceEndpoints("transformer", metrics, List.of(
                             new ServiceEndpoints.Check("kafka", new KafkaReadiness(admin)::isReachable),
                             new ServiceEndpoints.Check("streams", transformer::isRunning),
                             new ServiceEndpoints.Check("reconciliation", reconciliation::isRunning))),
                             routes -> { }).start(port)) {
                    System.out.println("transformer running" + (reconciliationConfig.enabled() ? " with the reconciliation"
                            : "") + "; health on :" + http.port());
                    stop.await();
                }
            }
            case "p21-sink" -> {
                P21Config config = P21Config.from(env);
                KafkaConfig kafka = KafkaConfig.from(env);
                int port = env.get(ServiceHttpServer.portSetting(P21_SINK_HTTP_PORT));
                PrometheusMeterRegistry metrics = Metrics.prometheus("p21-sink");
                try (Admin admin = Admin.create(ClientProperties.admin(kafka));
                     P21SinkService sink = P21SinkService.withSchemaRegistry(config, metrics).start();
                     ServiceHttpServer http = new ServiceHttpServer(new ServiceEndpoints("p21-sink", metrics, List.of(
                             new ServiceEndpoints.Check("kafka", new KafkaReadiness(admin)::isReachable),
                             new ServiceEndpoints.Check("consumer", sink::isRunning))), routes -> { }).start(port)) {
                    System.out.println("p21-sink running; health on :" + http.port());
                    stop.await();
                }
            }
            case "storefront-sink" -> {
                StorefrontSinkConfig config = StorefrontSinkConfig.from(env);
                int port = env.get(ServiceHttpServer.portSetting(STOREFRONT_SINK_HTTP_PORT));
                PrometheusMeterRegistry metrics = Metrics.prometheus("storefront-sink");
                try (Admin admin = Admin.create(ClientProperties.admin(config.kafka()));
                     StorefrontSinkService sink = StorefrontSinkService.withSchemaRegistry(config, metrics).start();
                     ServiceHttpServer http = new ServiceHttpServer(new ServiceEndpoints("storefront-sink", metrics, List.of(
                             new ServiceEndpoints.Check("kafka", new KafkaReadiness(admin)::isReachable),
                             new ServiceEndpoints.Check("consumer", sink::isRunning))), routes -> { }).start(port)) {
                    System.out.println("storefront-sink running; health on :" + http.port());
                    stop.await();
                }
            }
            case "console" -> {
                try (StandaloneConsole console = StandaloneConsole.start(env,
                        env.get(ServiceHttpServer.portSetting(CONSOLE_HTTP_PORT)))) {
                    System.out.println("ops console on :" + console.port() + (ConsoleConfig.from(env).serviceMetrics()
                            .isEmpty() ? " (Flows from Kafka only: set " + ConsoleConfig.SERVICE_METRICS.name()
                            + " for failures and circuits)" : " (Flows from Kafka and the services' /metrics)"));
                    stop.await();
                }
            }
            default -> {
                System.err.println("bridge: unknown service '" + service
                        + "'; one of ingress, transformer, p21-sink, storefront-sink, console");
                return 2;
            }
        }
        return 0;
    }
}
