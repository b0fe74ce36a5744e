package dev.p21bridge.storefront;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread of the storefront-sink. It owns the consumer (which is not thread-safe): it hands each record to
 * its topic's {@link Route} (a {@link RecordHandler} run on {@link KeyedLanes}: one key at a time, different keys in
 * parallel), commits per partition the position after the longest run of finished records, pauses a partition
 * with too many records in flight and resumes it when they drain, and on a rebalance lets the work of revoked
 * partitions finish (bounded), commits it and drops the rest, which the next owner reads again from the committed
 * offset. (Adapted from the p21-sink's {@code OrderConsumerLoop}.)
 */
final class StorefrontConsumerLoop implements AutoCloseable {

    /**
     * Where the records of one topic go.
     *
     * @param pauseAt records of one partition in flight at which it is paused; stock needs many in flight to
     *                coalesce a burst, shipments few
     */
    record Route(RecordHandler handler, KeyedLanes lanes, int pauseAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(StorefrontConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final Map<String, Route> routes;
    private final java.util.function.Consumer<Collection<TopicPartition>> afterRevoke;
    private final Duration revokeWait;
    private final Map<TopicPartition, PartitionLease> leases = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running;

    /** @param afterRevoke told which partitions were revoked, after their finished work was committed */
    StorefrontConsumerLoop(Consumer<String, byte[]> consumer,
                           Map<String, Route> routes, java.util.function.Consumer<Collection<TopicPartition>> afterRevoke,
                           Duration revokeWait, MeterRegistry metrics) {
        this.consumer = consumer;
        this.routes = Map.copyOf(routes);
        this.afterRevoke = afterRevoke;
        this.revokeWait = revokeWait;
        this.thread = new Thread(this::run, "storefront-sink-poll");
        // a restarted service in the same process (the sandbox, tests) must report its own loop, not the stopped one
        Gauge previous = metrics.find("storefront.sink.in.flight").gauge();
        if (previous != null) {
            metrics.remove(previous);
        }
        Gauge.builder("storefront.sink.in.flight", this, loop -> loop.leases.values().stream()
                .mapToInt(lease -> lease.offsets().inFlight()).sum()).register(metrics);
    }

    void start() {
        running = true;
        thread.start();
    }

    boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        try {
            consumer.subscribe(List.copyOf(routes.keySet()), new Rebalance());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    dispatch(record);
                }
                applyBackpressure();
                commit(leases.values());
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("poll loop woken unexpectedly", e);
            }
        } catch (KafkaException | IllegalStateException e) {
            log.error("poll loop failed; the storefront-sink stops consuming", e);
        } finally {
            running = false;
            shutdown();
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionLease lease = leases.computeIfAbsent(partition, PartitionLease::new);
        lease.offsets().received(record.offset());
        Route route = routes.get(record.topic());
        String key = record.topic() + "/" + (record.key() != null ? record.key() : "partition-" + record.partition());
        route.lanes().submit(key, () -> {
            if (!lease.enter()) {
                return;
            }
            try {
                route.handler().handle(record, lease);
            } finally {
                lease.exit();
            }
        });
    }

    private void applyBackpressure() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        var paused = consumer.paused();
        for (PartitionLease lease : leases.values()) {
            int inFlight = lease.offsets().inFlight();
            int pauseAt = routes.get(lease.partition().topic()).pauseAt();
            if (inFlight >= pauseAt && !paused.contains(lease.partition())) {
                pause.add(lease.partition());
            } else if (inFlight <= pauseAt / 2 && paused.contains(lease.partition())) {
                resume.add(lease.partition());
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void commit(Collection<PartitionLease> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionLease lease : of) {
            OptionalLong position = lease.offsets().positionToCommit();
            position.ifPresent(p -> offsets.put(lease.partition(), new OffsetAndMetadata(p)));
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            offsets.forEach((partition, offset) -> {
                PartitionLease lease = leases.get(partition);
                if (lease != null) {
                    lease.offsets().committed(offset.offset());
                }
            });
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("commit of {} failed; it is tried again: {}", offsets, e.toString());
        }
    }

    /** Revokes the leases, lets running work finish until the bound, and answers the leases. */
    private List<PartitionLease> drain(Collection<TopicPartition> partitions) {
        List<PartitionLease> drained = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionLease lease = leases.get(partition);
            if (lease != null) {
                lease.revoke();
                drained.add(lease);
            }
        }
        long deadline = System.nanoTime() + revokeWait.toNanos();
        for (PartitionLease lease : drained) {
            if (!lease.awaitIdle(deadline)) {
                log.warn("work on {} still running after {}; its records are read again by the next owner",
                        lease.partition(), revokeWait);
            }
        }
        return drained;
    }

    private void shutdown() {
        List<PartitionLease> drained = drain(new ArrayList<>(leases.keySet()));
        try {
            commit(drained);
        } catch (WakeupException pendingWakeup) {
            // close() woke the consumer after the loop had already left poll(); the wakeup is spent now
            commit(drained);
        } catch (RuntimeException e) {
            log.warn("final commit failed: {}", e.toString());
        }
        leases.clear();
        routes.values().stream().map(Route::lanes).distinct().forEach(lanes -> lanes.shutdown(5));
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("closing the consumer failed: {}", e.toString());
        }
        log.info("storefront-sink poll loop stopped");
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(revokeWait.plusSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            List<PartitionLease> drained = drain(partitions);
            commit(drained);
            partitions.forEach(leases::remove);
            afterRevoke.accept(partitions);
            log.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> {
                PartitionLease lease = leases.remove(partition);
                if (lease != null) {
                    lease.revoke();
                }
            });
            afterRevoke.accept(partitions);
            log.warn("partitions lost without a commit: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> leases.put(partition, new PartitionLease(partition)));
            log.info("partitions assigned: {}", partitions);
        }
    }
}
