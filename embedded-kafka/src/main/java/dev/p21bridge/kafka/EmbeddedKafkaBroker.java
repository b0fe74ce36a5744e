package dev.p21bridge.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, node id 1) running inside this JVM.
 *
 * <p>Data lives in {@code dataDir}: the log directory is formatted on the first start only, so starting again on
 * the same directory keeps topics, records and committed offsets. The ports are kept in the directory too; the
 * controller port cannot change once the directory is formatted (it is part of the KRaft voter set).
 *
 * <p>Built with {@link Builder#quorumMember}, it is instead one node of a {@link KafkaQuorum}: the quorum's ports and
 * cluster id, replicated topics, and no {@link HangingTransactionSweeper} (a cluster runs as a deployed one does,
 * with nothing repairing it). {@link KafkaClusterNode} runs such a node as a process of its own.
 *
 * <p>Starting installs, once per JVM, Kafka {@link Exit} procedures that log instead of ending the JVM: a broker
 * fault must never take the host application or the test run down with it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final AtomicBoolean EXIT_GUARD_INSTALLED = new AtomicBoolean();
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(15);
    private static final String TRANSACTION_VERSION = "transaction.version";
    /** The {@code transaction.version} every broker formatted here runs at, and docker-compose.yml pins too. */
    public static final short PINNED_TRANSACTION_VERSION = 1;
    /** A transaction open this much longer than the broker's maximum transaction timeout is aborted as hanging. */
    private static final Duration SWEEP_MARGIN = Duration.ofSeconds(15);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

    private final Path dataDir;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final String listenHost;
    private final Map<String, String> overrides;
    private final KafkaQuorum quorum;
    private final int nodeId;
    private BrokerPorts ports;
    private KafkaRaftServer server;
    private HangingTransactionSweeper sweeper;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath();
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.listenHost = builder.listenHost;
        this.overrides = Map.copyOf(builder.properties);
        this.quorum = builder.quorum;
        this.nodeId = builder.quorum == null ? NODE_ID : builder.nodeId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if it was never formatted, starts the broker and returns once it answers a metadata
     * request on {@link #bootstrapServers()}.
     *
     * @throws IllegalStateException if a port is taken, the directory was formatted for another controller port, or
     *                               the broker is not ready within 60 s; the half-started broker is then shut down
     *                               and this instance cannot be started again
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null || closed) {
            throw new IllegalStateException("This embedded Kafka broker was already started or closed; build a new one on the same dataDir to restart");
        }
        installExitGuard();
        long startedAt = System.nanoTime();
        Path logDir = dataDir.resolve("log");
        ports = choosePorts(logDir);
        BrokerPorts.requireFree(ports.port(), "Kafka");
        BrokerPorts.requireFree(ports.controllerPort(), "Kafka controller");
        Map<String, String> settings = quorum == null
                ? BrokerSettings.of(logDir, ports, listenHost, advertisedHost(), overrides)
                : BrokerSettings.ofQuorumMember(logDir, ports, quorum, nodeId, overrides);
        KafkaConfig config = new KafkaConfig(settings, false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
        }
        ports.save(dataDir);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        server = raftServer;
        try {
            startWithin(raftServer, startedAt);
            new BrokerReadiness(bootstrapServers()).await(remaining(startedAt));
            pinTransactionVersion(remaining(startedAt));
            if (quorum == null) {
                Duration maxTransaction = Duration.ofMillis(
                        Long.parseLong(settings.get(BrokerSettings.TRANSACTION_MAX_TIMEOUT)));
                sweeper = HangingTransactionSweeper.start(bootstrapServers(), maxTransaction.plus(SWEEP_MARGIN),
                        SWEEP_INTERVAL);
            }
        } catch (RuntimeException e) {
            shutDown(raftServer);
            server = null;
            closed = true;
            throw e;
        }
        LOG.info("Kafka broker {} ready on {} in {} ms (data in {})", nodeId, bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDir);
        return this;
    }

    /** {@code localhost:<port>} (or the address it listens on, when opened up), for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return advertisedHost() + ":" + port();
    }

    /**
     * The host clients are told to connect to: {@code localhost} on loopback, this machine's name when listening on
     * every interface, else the address it listens on.
     */
    private String advertisedHost() {
        try {
            InetAddress address = InetAddress.getByName(listenHost);
            if (address.isLoopbackAddress()) {
                return "localhost";
            }
            return address.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName() : listenHost;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Cannot resolve the broker's listen address " + listenHost, e);
        }
    }

    /** The PLAINTEXT client port; known once {@link #start()} has chosen it. */
    public synchronized int port() {
        if (ports == null) {
            throw new IllegalStateException("The port is chosen by start(); the broker was not started");
        }
        return ports.port();
    }

    /** Shuts the broker down and waits for it (bounded); calling it again, or on a broker never started, does nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server == null) {
            return;
        }
        if (sweeper != null) {
            sweeper.close();
            sweeper = null;
        }
        KafkaRaftServer stopping = server;
        server = null;
        long stoppingAt = System.nanoTime();
        shutDown(stopping);
        LOG.info("Kafka broker on localhost:{} stopped in {} ms", ports.port(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    private BrokerPorts choosePorts(Path logDir) {
        Optional<BrokerPorts> previous = BrokerPorts.load(dataDir);
        boolean formatted = Files.exists(logDir.resolve("meta.properties"));
        if (formatted && previous.isEmpty() && requestedControllerPort == 0) {
            throw new IllegalStateException(dataDir + " holds a formatted Kafka log dir but no "
                    + BrokerPorts.FILE_NAME + "; pass the controller port it was formatted with");
        }
        int port = requestedPort != 0 ? requestedPort
                : previous.map(BrokerPorts::port).orElseGet(BrokerPorts::freePort);
        int controllerPort = requestedControllerPort != 0 ? requestedControllerPort
                : previous.filter(p -> formatted).map(BrokerPorts::controllerPort)
                        .orElseGet(() -> BrokerPorts.freePortOtherThan(port));
        if (formatted && previous.isPresent() && previous.get().controllerPort() != controllerPort) {
            throw new IllegalStateException(dataDir + " was formatted for controller port "
                    + previous.get().controllerPort() + ", not " + controllerPort
                    + "; the controller port is part of the KRaft voter set and cannot change");
        }
        if (port == controllerPort) {
            throw new IllegalStateException("The Kafka port and the controller port must differ, both are " + port);
        }
        return new BrokerPorts(port, controllerPort);
    }

    /**
     * Formats a single-node dynamic quorum, as {@code kafka-storage format --standalone} does, or a node of a static
     * quorum (the voters are in the settings), as {@code kafka-storage format --cluster-id} does on each node.
     */
    private void format(KafkaConfig config, Path logDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(logDir);
            Formatter formatter = new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(nodeId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setFeatureLevel(TRANSACTION_VERSION, PINNED_TRANSACTION_VERSION);
            if (quorum == null) {
                String voter = NODE_ID + "@localhost:" + ports.controllerPort() + ":" + Uuid.randomUuid();
                formatter.setClusterId(Uuid.randomUuid().toString())
                        .setHasDynamicQuorum(true)
                        .setInitialControllers(DynamicVoters.parse(voter));
            } else {
                formatter.setClusterId(quorum.clusterId());
            }
            formatter.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka log dir " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log dir " + logDir + ": " + e.getMessage(), e);
        }
        LOG.debug("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8));
    }

    /**
     * Keeps {@code transaction.version} at 1 (the transaction protocol before KIP-890 part 2), also on a data
     * directory formatted earlier at 2. With version 2 this single-node broker left the transformer's exactly-once
     * producer blocked in {@code commitTransaction} for 50 s and more while its produce requests were answered
     * {@code CONCURRENT_TRANSACTIONS} (seen in the crash-recovery test and in the transformer benchmark); Kafka has
     * fixed several such version-2 hangs (KAFKA-19999, KAFKA-18660, KAFKA-19367). Version 1 gives the same
     * exactly-once guarantee.
     */
    private void pinTransactionVersion(Duration within) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            FinalizedVersionRange finalized = admin.describeFeatures().featureMetadata()
                    .get(within.toMillis(), TimeUnit.MILLISECONDS).finalizedFeatures().get(TRANSACTION_VERSION);
            if (finalized != null && finalized.maxVersionLevel() > PINNED_TRANSACTION_VERSION) {
                admin.updateFeatures(Map.of(TRANSACTION_VERSION, new FeatureUpdate(PINNED_TRANSACTION_VERSION,
                                FeatureUpdate.UpgradeType.SAFE_DOWNGRADE)), new UpdateFeaturesOptions())
                        .all().get(within.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("transaction.version lowered from {} to {}", finalized.maxVersionLevel(),
                        PINNED_TRANSACTION_VERSION);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting transaction.version", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot set transaction.version to " + PINNED_TRANSACTION_VERSION
                    + " on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** {@code KafkaRaftServer.startup()} blocks until the broker is unfenced; run it on its own thread to keep our deadline. */
    private void startWithin(KafkaRaftServer raftServer, long startedAt) {
        CompletableFuture<Void> startup = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                raftServer.startup();
                startup.complete(null);
            } catch (Throwable t) {
                startup.completeExceptionally(t);
            }
        }, "embedded-kafka-startup");
        starter.setDaemon(true);
        starter.start();
        try {
            startup.get(remaining(startedAt).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The embedded Kafka broker on " + bootstrapServers() + " did not start within "
                    + START_DEADLINE.toSeconds() + " s (data in " + dataDir + ")", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The embedded Kafka broker on " + bootstrapServers() + " failed to start: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka broker", e);
        }
    }

    private static Duration remaining(long startedAt) {
        Duration left = START_DEADLINE.minusNanos(System.nanoTime() - startedAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Shutdown can hang on a broken broker; never let it hold the caller for more than {@link #CLOSE_DEADLINE}. */
    private static void shutDown(KafkaRaftServer raftServer) {
        Thread stopper = new Thread(() -> {
            try {
                raftServer.shutdown();
                raftServer.awaitShutdown();
            } catch (Throwable t) {
                LOG.warn("The embedded Kafka broker reported an error while shutting down", t);
            }
        }, "embedded-kafka-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(CLOSE_DEADLINE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("The embedded Kafka broker did not stop within {} s; leaving it to the JVM exit",
                    CLOSE_DEADLINE.toSeconds());
        }
    }

    private static void installExitGuard() {
        if (EXIT_GUARD_INSTALLED.compareAndSet(false, true)) {
            Exit.setExitProcedure((status, message) ->
                    LOG.error("Kafka asked to exit the JVM with status {} ({}); ignored, the JVM keeps running", status, message));
            Exit.setHaltProcedure((status, message) ->
                    LOG.error("Kafka asked to halt the JVM with status {} ({}); ignored, the JVM keeps running", status, message));
        }
    }

    /** Collects the settings of one broker; only {@link #dataDir(Path)} is required. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private String listenHost = "localhost";
        private final Map<String, String> properties = new LinkedHashMap<>();
        private KafkaQuorum quorum;
        private int nodeId;

        private Builder() {
        }

        /**
         * Makes this broker node {@code nodeId} of {@code quorum}, on the ports the quorum gives it; the other nodes
         * are started with the same quorum, each on its own data dir.
         */
        public Builder quorumMember(KafkaQuorum quorum, int nodeId) {
            KafkaQuorum.Member member = Objects.requireNonNull(quorum, "quorum").member(nodeId);
            this.quorum = quorum;
            this.nodeId = nodeId;
            this.port = member.port();
            this.controllerPort = member.controllerPort();
            return this;
        }

        /** Where the broker keeps its log dir and port file; created if missing, reused if present. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** The PLAINTEXT client port; 0 (the default) reuses the port stored in the data dir, or picks a free one. */
        public Builder port(int port) {
            this.port = requirePort(port);
            return this;
        }

        /** The CONTROLLER listener port; 0 (the default) reuses the stored one, or picks a free one on first format. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = requirePort(controllerPort);
            return this;
        }

        /** Where clients' listener binds: {@code localhost} (the default), an address, or 0.0.0.0 for every interface. */
        public Builder listenAddress(String host) {
            this.listenHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Sets any broker setting, overriding the single-node defaults (and, at the caller's risk, listeners). */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EmbeddedKafkaBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("EmbeddedKafkaBroker.builder().dataDir(...) is required");
            }
            return new EmbeddedKafkaBroker(this);
        }

        private static int requirePort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("A port is 0 (pick one) or 1..65535, not " + port);
            }
            return port;
        }
    }
}
