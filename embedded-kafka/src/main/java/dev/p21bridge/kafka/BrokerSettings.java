package dev.p21bridge.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker settings of a single-node KRaft broker that must serve consumer groups and exactly-once (transactional)
 * Kafka Streams applications: every internal topic has replication factor 1 and min ISR 1, or the group, transaction
 * and share coordinators would wait forever for replicas that do not exist.
 */
final class BrokerSettings {

    static final String TRANSACTION_MAX_TIMEOUT = "transaction.max.timeout.ms";

    private BrokerSettings() {
    }

    /**
     * @param listenHost     where clients' PLAINTEXT listener binds ({@code localhost} unless the caller opens it up)
     * @param advertisedHost what the broker tells clients to connect to
     */
    static Map<String, String> of(Path logDir, BrokerPorts ports, String listenHost, String advertisedHost,
                                  Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        // the controller listener serves this one node only: it stays on loopback whatever the clients' listener does
        settings.put("listeners", "PLAINTEXT://" + listenHost + ":" + ports.port()
                + ",CONTROLLER://localhost:" + ports.controllerPort());
        settings.put("advertised.listeners", "PLAINTEXT://" + advertisedHost + ":" + ports.port());
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("controller.quorum.bootstrap.servers", "localhost:" + ports.controllerPort());
        settings.put("log.dirs", logDir.toString());
        settings.put("metadata.log.dir", logDir.toString());
        // Bounds the broker's own startup waits; EmbeddedKafkaBroker enforces the same deadline from outside.
        settings.put("server.max.startup.time.ms", "60000");

        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "5");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("share.coordinator.state.topic.num.partitions", "5");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        // A minute (Kafka's default is 15): long enough for any producer's default transaction timeout, short enough
        // that a transaction open longer than this is known to hang within a minute (HangingTransactionSweeper).
        settings.put(TRANSACTION_MAX_TIMEOUT, "60000");
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        // The log cleaner allocates its whole offset map on the heap when the broker starts and keeps it: 128 MiB by
        // default, which was about 40 % of the live set of ./bridge up, where the whole system shares one heap.
        // 16 MiB still maps about 600,000 keys per cleaning pass; a log with more is cleaned in more passes, which an
        // embedded broker's compacted topics (changelogs, offsets, the SKU cross-reference) never need to hurry.
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

        settings.putAll(overrides);
        return settings;
    }

    /**
     * The settings of node {@code nodeId} of {@code quorum}: the single-node settings above with the quorum's voters,
     * and every topic and internal topic on {@link KafkaQuorum#replicationFactor()} replicas with one fewer in sync
     * required, so the cluster keeps serving producers, groups and transactions with one node down.
     */
    static Map<String, String> ofQuorumMember(Path logDir, BrokerPorts ports, KafkaQuorum quorum, int nodeId,
                                              Map<String, String> overrides) {
        Map<String, String> settings = of(logDir, ports, "localhost", "localhost", Map.of());
        String replicas = Integer.toString(quorum.replicationFactor());
        String inSync = Integer.toString(quorum.minInsyncReplicas());
        settings.put("node.id", Integer.toString(nodeId));
        settings.remove("controller.quorum.bootstrap.servers");
        settings.put("controller.quorum.voters", quorum.voters());
        settings.put("offsets.topic.replication.factor", replicas);
        settings.put("transaction.state.log.replication.factor", replicas);
        settings.put("transaction.state.log.min.isr", inSync);
        settings.put("share.coordinator.state.topic.replication.factor", replicas);
        settings.put("share.coordinator.state.topic.min.isr", inSync);
        settings.put("default.replication.factor", replicas);
        settings.put("min.insync.replicas", inSync);
        settings.putAll(overrides);
        return settings;
    }
}
