package dev.p21bridge.platform.topics;

import dev.p21bridge.platform.config.KafkaConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics that do not exist yet, with the catalog's partitions, compaction, retention and stored
 * compression. Existing topics are left as they are (an operator may have tuned them), except for their stored
 * compression ({@link Topic#storedCompression()}): the contract promises canonical topics every client reads, so a
 * canonical topic created before that promise (a bridge upgraded in place) is switched to gzip. Batches written before
 * the switch keep their codec until retention or compaction removes them. Running it on every start is safe.
 */
public final class TopicInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    /**
     * {@code max.message.bytes} of the raw, retry and dead-letter topics; producers writing to them (the ingress, the
     * transformer's Streams applications) set {@code max.request.size} to it, so both ends agree.
     */
    public static final int RAW_RECORD_LIMIT = 2 * 1024 * 1024 + 64 * 1024;
    private static final long DESCRIBE_RETRY_MS = 50;

    private final Admin admin;
    private final short replicationFactor;
    private final int minInsyncReplicas;

    public TopicInitializer(Admin admin, KafkaConfig config) {
        this(admin, config.replicationFactor(), config.minInsyncReplicas());
    }

    public TopicInitializer(Admin admin, short replicationFactor, int minInsyncReplicas) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    /**
     * Creates what is missing of {@code topics} and sets the stored compression of those that existed; answers the
     * names it created. Fails when the broker refuses either (no Create or AlterConfigs permission, say).
     */
    public List<String> createMissing(List<Topic<?>> topics, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic));
                }
            }
            List<String> created = missing.isEmpty() ? List.of() : create(missing, timeout);
            alignStoredCompression(topics.stream().filter(topic -> !created.contains(topic.name())).toList(), timeout);
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka refused or did not answer while creating topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private List<String> create(List<NewTopic> missing, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        // another service starting at the same moment may create some of them first: only their compression is aligned
        List<String> created = new ArrayList<>();
        admin.createTopics(missing).values().forEach((name, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + name, e);
            }
        });
        // also those another service created first: the caller may describe any of them next
        describe(missing.stream().map(NewTopic::name).toList(), timeout);
        if (!created.isEmpty()) {
            log.info("created {} topics: {}", created.size(), created);
        }
        return created;
    }

    /**
     * Sets {@code compression.type} where a topic that has a stored compression holds another one: a topic created
     * before the catalog had it, or by another service's older version, or by hand.
     */
    private void alignStoredCompression(List<Topic<?>> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<ConfigResource, String> wanted = new LinkedHashMap<>();
        topics.forEach(topic -> topic.storedCompression().ifPresent(compression ->
                wanted.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), compression)));
        if (wanted.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> current = admin.describeConfigs(wanted.keySet()).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        wanted.forEach((resource, compression) -> {
            ConfigEntry entry = current.get(resource).get(TopicConfig.COMPRESSION_TYPE_CONFIG);
            if (entry == null || !compression.equals(entry.value())) {
                changes.put(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.COMPRESSION_TYPE_CONFIG, compression), AlterConfigOp.OpType.SET)));
                log.info("setting {}={} on topic {} (was {})", TopicConfig.COMPRESSION_TYPE_CONFIG, compression,
                        resource.name(), entry == null ? "unset" : entry.value());
            }
        });
        if (changes.isEmpty()) {
            return;
        }
        for (Map.Entry<ConfigResource, KafkaFuture<Void>> change : admin.incrementalAlterConfigs(changes).values().entrySet()) {
            try {
                change.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot set " + TopicConfig.COMPRESSION_TYPE_CONFIG + "="
                        + wanted.get(change.getKey()) + " on topic " + change.getKey().name() + " (docs/contract.md,"
                        + " section 'Topics'): " + e.getCause().getMessage() + "; grant the bridge AlterConfigs on"
                        + " the topic or set it by hand", e);
            }
        }
    }

    /**
     * Describes {@code names}, asking again while a broker answers UnknownTopicOrPartition. CreateTopics answers when
     * the controller has committed the topics, and each broker's metadata learns of them a moment later; the admin
     * client asks any broker, so one that already describes a new topic does not vouch for the next. A service that
     * checks its topics right after they were created (the transformer's stock readings, the p21-sink's retry topics)
     * failed its start that way in CI, on a cluster of three brokers.
     */
    public Map<String, TopicDescription> describe(Collection<String> names, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    long left = Math.max(1, deadline - System.nanoTime());
                    return admin.describeTopics(names).allTopicNames().get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("cannot describe topics " + names + ": "
                                + e.getCause().getMessage(), e);
                    }
                    Thread.sleep(DESCRIBE_RETRY_MS);
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe topics " + names + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing topics " + names, e);
        }
    }

    NewTopic newTopic(Topic<?> topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        if (!topic.isAvro()) {
            // raw bodies of up to 1 MiB (and their dead letters with headers) must fit even when they do not compress
            configs.put("max.message.bytes", Integer.toString(RAW_RECORD_LIMIT));
        }
        topic.storedCompression().ifPresent(compression -> configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, compression));
        if (topic.compacted()) {
            configs.put("cleanup.policy", "compact");
        } else if (topic.retention() != null) {
            configs.put("retention.ms", Long.toString(topic.retention().toMillis()));
        }
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
    }
}
