package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.kafka.LocalKafkaCluster;
import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.simulators.clarity.ClaritySimulator;
import dev.p21bridge.simulators.p21.P21Customer;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.SignUpRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import dev.p21bridge.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology docker-compose.yml deploys, proven on one machine: three Kafka brokers (child JVMs, KRaft, every topic
 * on three replicas with {@code min.insync.replicas=2}) and two instances of each service, each a child JVM from the
 * app jar with its own port and state directory, the ingress pair behind a balancer. P21 and both storefronts live in
 * this JVM, outside every process that is killed.
 *
 * <p>While both storefronts place orders, one instance of each service is killed (SIGKILL) and started again, and one
 * broker is stopped and later started again. Both storefronts draw their buyers from one pool (same seed) that grows
 * with each batch, so a new e-mail keeps arriving on several orders at once from both stores, spread over both
 * p21-sink instances; and with each batch one new buyer signs up in both stores and orders from both at once, so the
 * sign-up and the orders, on both instances, meet the same new customer. At the end every order placed is in P21 exactly once, P21 holds no customer twice, and no
 * service dead-lettered anything as an internal error.
 *
 * <p>Each process's output is kept in {@code target/cluster-it/}.
 */
@Tag("integration")
class ClusterIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ClusterIntegrationTest.class);
    private static final int BATCHES = 30;
    private static final int ORDERS_PER_BATCH = 8;
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(1_500);
    /** Buyers added to the shared pool per batch: each batch brings new e-mails, most on several orders. */
    private static final int NEW_BUYERS_PER_BATCH = 4;
    /** Orders a buyer who signs up in both stores places in each right away. */
    private static final int ORDERS_AFTER_SIGN_UP = 2;
    private static final Duration BETWEEN_FAULTS = Duration.ofSeconds(5);
    private static final int STOPPED_BROKER = 1;
    private static final List<String> SERVICES = List.of("ingress", "transformer", "p21-sink", "storefront-sink");
    private static final Path LOGS = Path.of("target", "cluster-it");
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path dataDir;

    private final Map<String, ServiceProcess> instances = new java.util.LinkedHashMap<>();

    @Test
    void shouldCreateEveryOrderOnceWhileAnInstanceOfEachServiceIsKilledAndABrokerIsStopped() throws Exception {
        long startedAt = System.nanoTime();
        resetLogs();
        int[] ports = BridgeUpIntegrationTest.freePorts(2 * SERVICES.size());
        try (LocalKafkaCluster kafka = LocalKafkaCluster.start(dataDir.resolve("kafka"), 3);
             EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(kafka.bootstrapServers(), 0,
                     EmbeddedSchemaRegistry.DEFAULT_TOPIC, (short) 3).start();
             P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start();
             WebhookBalancer balancer = new WebhookBalancer(List.of(ports[0], ports[1]));
             XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                     .withWebhookUrl(balancer.url().resolve("/webhooks/xcart"))).start();
             ClaritySimulator clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                     .withWebhookUrl(balancer.url().resolve("/webhooks/clarity"))).start()) {
            try {
                Set<Long> seededCustomers = p21.customers().stream().map(P21Customer::customerId)
                        .collect(Collectors.toSet());
                Map<String, String> environment = environment(kafka, registry, p21, xcart, clarity);
                for (int s = 0; s < SERVICES.size(); s++) {
                    for (int instance = 1; instance <= 2; instance++) {
                        addInstance(SERVICES.get(s), instance, ports[2 * s + instance - 1], environment);
                    }
                }
                instances.values().forEach(ServiceProcess::start);
                awaitAllHealthy(Duration.ofMinutes(2));
                log.info("cluster and {} service instances up after {} s", instances.size(), seconds(startedAt));

                AtomicInteger failedDeliveries = new AtomicInteger();
                CompletableFuture<List<String>> xcartOrders = CompletableFuture.supplyAsync(
                        () -> placeOrders(xcart, "xcart:", failedDeliveries));
                CompletableFuture<List<String>> clarityOrders = CompletableFuture.supplyAsync(
                        () -> placeOrders(clarity, "clarity:", failedDeliveries));

                Thread.sleep(BETWEEN_FAULTS.toMillis());
                killAndRestart("ingress-1");
                Thread.sleep(BETWEEN_FAULTS.toMillis());
                killAndRestart("transformer-1");
                Thread.sleep(BETWEEN_FAULTS.toMillis());
                kafka.stop(STOPPED_BROKER);
                Thread.sleep(BETWEEN_FAULTS.toMillis());
                killAndRestart("p21-sink-1");
                Thread.sleep(BETWEEN_FAULTS.toMillis());
                killAndRestart("storefront-sink-1");
                Thread.sleep(BETWEEN_FAULTS.toMillis());
                kafka.restart(STOPPED_BROKER);
                log.info("faults done after {} s", seconds(startedAt));

                List<String> placed = new ArrayList<>(xcartOrders.get(3, TimeUnit.MINUTES));
                placed.addAll(clarityOrders.get(3, TimeUnit.MINUTES));
                assertThat(failedDeliveries.get()).as("webhooks the storefronts gave up on").isZero();
                log.info("{} orders placed after {} s ({} failovers at the balancer)", placed.size(),
                        seconds(startedAt), balancer.failovers());

                Set<String> expected = new HashSet<>(placed);
                Await.until("every order placed in P21", Duration.ofMinutes(3),
                        () -> inP21(p21, expected) == expected.size(),
                        () -> "P21 holds " + inP21(p21, expected) + " of " + expected.size() + " orders; "
                                + tails());
                // a stray duplicate could only come from an order record not yet answered: count once none is left
                Await.until("the p21-sink's offsets past every order record", Duration.ofMinutes(1),
                        () -> sinkCommittedPastEveryOrder(kafka.bootstrapServers()), this::tails);
                awaitAllHealthy(Duration.ofMinutes(1));

                assertEveryOrderOnce(p21.orders(), expected);
                assertNoCustomerTwice(p21.customers(), seededCustomers);
                assertNoInternalDeadLetters(kafka.bootstrapServers());
                log.info("{} orders in P21 exactly once, {} new customers, none twice; {} s in all", expected.size(),
                        p21.customers().size() - seededCustomers.size(), seconds(startedAt));
            } finally {
                for (ServiceProcess instance : instances.values()) {
                    instance.close();
                }
            }
        }
    }

    private static void resetLogs() throws java.io.IOException {
        Files.createDirectories(LOGS);
        try (var old = Files.list(LOGS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
    }

    private Map<String, String> environment(LocalKafkaCluster kafka, EmbeddedSchemaRegistry registry, P21Simulator p21,
                                            StorefrontSimulator xcart, StorefrontSimulator clarity) {
        Map<String, String> env = new HashMap<>();
        env.put("BRIDGE_LOG_FORMAT", "TEXT");
        env.put("BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("BRIDGE_SCHEMA_REGISTRY_URL", registry.url());
        env.put("BRIDGE_TOPIC_REPLICATION_FACTOR", "3");
        env.put("BRIDGE_TOPIC_MIN_INSYNC_REPLICAS", "2");
        // a killed member's partitions move after 10 s instead of Kafka's 45 s: the test has minutes, not hours
        env.put("BRIDGE_KAFKA_SESSION_TIMEOUT_MS", "10000");
        env.put("BRIDGE_XCART_WEBHOOK_SECRET", StorefrontSimulatorConfig.xcartDefaults().webhookSecret());
        env.put("BRIDGE_CLARITY_WEBHOOK_SECRET", StorefrontSimulatorConfig.clarityDefaults().webhookSecret());
        env.put("BRIDGE_P21_URL", p21.url());
        env.put("BRIDGE_P21_USERNAME", P21SimulatorConfig.defaults().username());
        env.put("BRIDGE_P21_PASSWORD", P21SimulatorConfig.defaults().password());
        env.put("BRIDGE_XCART_URL", xcart.url().toString());
        env.put("BRIDGE_XCART_TOKEN", StorefrontSimulatorConfig.xcartDefaults().apiToken());
        env.put("BRIDGE_CLARITY_URL", clarity.url().toString());
        env.put("BRIDGE_CLARITY_TOKEN", StorefrontSimulatorConfig.clarityDefaults().apiToken());
        return env;
    }

    /** One instance: its own port and, for the transformer, its own state directory, kept across its restart. */
    private void addInstance(String service, int instance, int port, Map<String, String> shared) {
        String name = service + "-" + instance;
        Map<String, String> env = new HashMap<>(shared);
        env.put("BRIDGE_TRANSFORMER_STATE_DIR", dataDir.resolve(name).toString());
        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        jvm.add(service.equals("transformer") ? "-Xmx384m" : "-Xmx256m");
        instances.put(name, new ServiceProcess(name, service, port, env, jvm, LOGS));
    }

    private void killAndRestart(String name) throws InterruptedException {
        ServiceProcess instance = instances.get(name);
        instance.kill();
        log.info("{} killed; starting it again", name);
        instance.start();
    }

    private void awaitAllHealthy(Duration deadline) {
        Await.until("every service instance healthy", deadline, () -> {
            for (ServiceProcess instance : instances.values()) {
                if (instance.exited()) {
                    throw new AssertionError(instance.name() + " exited: " + instance.tail(40));
                }
            }
            return instances.values().stream().allMatch(ServiceProcess::healthy);
        }, () -> "not healthy: " + instances.values().stream().filter(i -> !i.healthy())
                .map(ServiceProcess::name).toList() + "; " + tails());
    }

    /**
     * {@link #BATCHES} checkouts of {@link #ORDERS_PER_BATCH} orders of 1-5 lines, paced so orders keep arriving
     * through every fault; the buyer pool grows by {@link #NEW_BUYERS_PER_BATCH} per batch. Returns the P21 web
     * reference of every order placed.
     */
    private static List<String> placeOrders(StorefrontSimulator store, String prefix, AtomicInteger failed) {
        List<String> references = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
            CheckoutResult result = store.checkoutWithReport(new CheckoutRequest(ORDERS_PER_BATCH, null, 0, 1, 5,
                    null, null, NEW_BUYERS_PER_BATCH * (batch + 1)));
            failed.addAndGet(result.failed());
            result.orders().forEach(id -> references.add(prefix + id));
            String buyer = "cluster-buyer-" + batch + "@example.com";
            StorefrontSimulator.SignedUp signedUp = store.signUp(new SignUpRequest(buyer, "Kim", "Batch " + batch,
                    null, "512-555-0100", "1 Main St", null, "Austin", "TX", "78735")).orElseThrow();
            failed.addAndGet(signedUp.failed());
            CheckoutResult ordered = store.checkoutBy(buyer, new CheckoutRequest(ORDERS_AFTER_SIGN_UP, null, 0, 1, 3,
                    null, null, 1)).orElseThrow();
            failed.addAndGet(ordered.failed());
            ordered.orders().forEach(id -> references.add(prefix + id));
            try {
                Thread.sleep(BETWEEN_BATCHES.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return references;
    }

    private static long inP21(P21Simulator p21, Set<String> expected) {
        return p21.orders().stream().map(P21Order::webReferenceNo).filter(expected::contains).distinct().count();
    }

    private static void assertEveryOrderOnce(List<P21Order> orders, Set<String> expected) {
        Map<String, Long> perReference = orders.stream()
                .collect(Collectors.groupingBy(P21Order::webReferenceNo, Collectors.counting()));
        assertThat(perReference.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("orders created twice in P21").isEmpty();
        assertThat(perReference.keySet()).containsAll(expected);
    }

    private static void assertNoCustomerTwice(List<P21Customer> customers, Set<Long> seeded) {
        Map<String, List<Long>> byEmail = customers.stream().filter(c -> c.emailAddress() != null)
                .collect(Collectors.groupingBy(c -> c.emailAddress().trim().toLowerCase(Locale.ROOT),
                        Collectors.mapping(P21Customer::customerId, Collectors.toList())));
        Map<String, List<Long>> twice = byEmail.entrySet().stream()
                .filter(e -> e.getValue().size() > 1 && !seeded.containsAll(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(twice).as("e-mails with more than one P21 customer (customer ids)").isEmpty();
        assertThat(customers.size()).as("customers created").isGreaterThan(seeded.size());
    }

    private static void assertNoInternalDeadLetters(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        DeadLetterStore store = new DeadLetterStore(props);
        for (String service : List.of("transformer", "p21-sink", "storefront-sink")) {
            List<DeadLetterEntry> all = store.list(service, DeadLetterFilter.ALL);
            log.info("dead letters of {}: {}", service, all.stream()
                    .collect(Collectors.groupingBy(DeadLetterEntry::errorClass, Collectors.counting())));
            assertThat(all).as("internal dead letters of %s", service)
                    .filteredOn(entry -> "internal".equals(entry.errorClass()))
                    .extracting(DeadLetterEntry::message).isEmpty();
        }
    }

    /**
     * Whether the p21-sink's group has committed past the last record of every {@code canonical.orders} partition.
     * Compared with the last record read, not the end offset: a transaction's commit marker sits after it.
     */
    private static boolean sinkCommittedPastEveryOrder(String bootstrap) throws Exception {
        Map<TopicPartition, Long> lastRecord = new HashMap<>();
        for (ConsumerRecord<String, byte[]> order : TopicReader.readToEnd(bootstrap, Topics.CANONICAL_ORDERS.name(),
                Duration.ofSeconds(10))) {
            lastRecord.merge(new TopicPartition(order.topic(), order.partition()), order.offset(), Math::max);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(P21SinkService.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return lastRecord.entrySet().stream().allMatch(last -> committed.get(last.getKey()) != null
                    && committed.get(last.getKey()).offset() > last.getValue());
        }
    }

    private String tails() {
        return instances.values().stream().map(i -> i.tail(15)).collect(Collectors.joining("\n"));
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
