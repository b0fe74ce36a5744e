package dev.p21bridge.platform.topics;

import dev.p21bridge.platform.config.KafkaConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics that do not exist yet, with the catalog's partitions, compaction and retention.
 * Existing topics are left as they are (an operator may have tuned them), so running it on every start is safe.
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

    /** Creates what is missing of {@code topics}; answers the names it created. */
    public List<String> createMissing(List<Topic<?>> topics, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic));
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            // another service starting at the same moment may create some of them first: those are left as they are
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
            awaitDescribable(missing.stream().map(NewTopic::name).toList(), timeout);
            if (!created.isEmpty()) {
                log.info("created {} topics: {}", created.size(), created);
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Returns once the broker describes every topic of {@code names}. CreateTopics answers when the controller has
     * committed the topics, and a broker's metadata learns of them a moment later; until then a describe answers
     * UnknownTopicOrPartition. A service that checks its topics right after creating them (the p21-sink compares its
     * retry topics' partitions with {@code canonical.orders}') failed its start that way once in CI.
     */
    private void awaitDescribable(List<String> names, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                admin.describeTopics(names).allTopicNames().get(left, TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(DESCRIBE_RETRY_MS);
            }
        }
    }

    NewTopic newTopic(Topic<?> topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        if (!topic.isAvro()) {
            // raw bodies of up to 1 MiB (and their dead letters with headers) must fit even when they do not compress
            configs.put("max.message.bytes", Integer.toString(RAW_RECORD_LIMIT));
        }
        if (topic.compacted()) {
            configs.put("cleanup.policy", "compact");
        } else if (topic.retention() != null) {
            configs.put("retention.ms", Long.toString(topic.retention().toMillis()));
        }
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
    }
}
