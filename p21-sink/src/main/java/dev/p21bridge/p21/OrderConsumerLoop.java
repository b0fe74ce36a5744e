package dev.p21bridge.p21;

import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.consumer.KeyedLanes;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.consumer.PartitionLeases;
import dev.p21bridge.p21.OrderRetryFlow.Step;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryScheduler;
import dev.p21bridge.platform.topics.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread of the p21-sink. It owns the consumer (which is not thread-safe), subscribed to
 * {@code canonical.orders} and {@code retry.p21-sink.1..3}. Source records go to the {@link KeyedLanes} at once (one
 * order key at a time, different keys in parallel). Retry records wait in the {@link RetryScheduler}, their partition
 * paused, until the head is due and P21's circuit lets calls through; then the head goes to the lanes, and the next
 * record of that partition only after it. Per partition, the loop commits the position after the longest run of
 * finished records, pauses a source partition with too many records in flight and resumes it when they drain, and on
 * a rebalance lets the work of revoked partitions finish (bounded), commits it and drops the rest, which the next
 * owner reads again from the committed offset.
 */
final class OrderConsumerLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final OrderRetryFlow flow;
    private final RetryRouter router;
    private final RetryScheduler scheduler;
    private final CircuitBreaker breaker;
    private final ParkedRecords parked;
    private final KeyedLanes lanes;
    private final Duration revokeWait;
    private final int pauseAt;
    private final PartitionLeases leases = new PartitionLeases(COMMIT_TIMEOUT);
    private final Thread thread;
    private volatile boolean running;

    OrderConsumerLoop(Consumer<String, byte[]> consumer, OrderRetryFlow flow, RetryRouter router,
                      RetryScheduler scheduler, CircuitBreaker breaker, ParkedRecords parked, int parallelism,
                      Duration revokeWait, MeterRegistry metrics) {
        this.consumer = consumer;
        this.flow = flow;
        this.router = router;
        this.scheduler = scheduler;
        this.breaker = breaker;
        this.parked = parked;
        this.lanes = new KeyedLanes(parallelism, "p21-sink-worker");
        this.revokeWait = revokeWait;
        this.pauseAt = Math.max(4 * parallelism, 32);
        this.thread = new Thread(this::run, "p21-sink-poll");
        Gauge.builder("p21.sink.in.flight", leases, PartitionLeases::inFlight).register(metrics);
        Gauge.builder("p21.retry.waiting", scheduler, RetryScheduler::size).register(metrics);
        Gauge.builder("p21.retry.parked.keys", parked, ParkedRecords::keys).register(metrics);
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
            List<String> topics = new ArrayList<>(List.of(Topics.CANONICAL_ORDERS.name()));
            topics.addAll(router.topics());
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    PartitionLease lease = leases.of(record);
                    lease.offsets().received(record.offset());
                    if (isRetry(lease.partition())) {
                        scheduler.add(record);
                    } else {
                        submit(record, lease);
                    }
                }
                submitDueRetries();
                applyBackpressure();
                leases.commitFinished(consumer);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("poll loop woken unexpectedly", e);
            }
        } catch (KafkaException | IllegalStateException e) {
            log.error("poll loop failed; the p21-sink stops consuming", e);
        } finally {
            running = false;
            shutdown();
        }
    }

    /**
     * Hands the due heads of retry partitions to the lanes, unless P21's circuit refuses calls anyway. Called by the
     * poll thread and by a worker that finished a retry record; the scheduler hands each head out once.
     */
    private void submitDueRetries() {
        if (!breaker.permitsCalls()) {
            return;
        }
        for (ConsumerRecord<String, byte[]> record : scheduler.takeDue()) {
            PartitionLease lease = leases.get(new TopicPartition(record.topic(), record.partition()));
            if (lease == null) {
                continue;
            }
            submit(record, lease);
        }
    }

    private void submit(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        var parkedKeys = parked.of(record.partition());
        boolean retry = isRetry(lease.partition());
        String key = record.key() != null ? record.key() : "partition-" + record.partition();
        lanes.submit(key, () -> {
            if (!lease.enter()) {
                return;
            }
            try {
                Step step = flow.handle(record, lease, parkedKeys);
                if (step.kind() == Step.Kind.DONE) {
                    lease.offsets().completed(record.offset());
                    if (retry) {
                        scheduler.done(record);
                    }
                } else if (step.kind() == Step.Kind.HELD) {
                    scheduler.putBack(record, step.dueAgain());
                }
            } finally {
                lease.exit();
            }
            if (retry) {
                // the next record of the partition may be due already: hand it out now, not at the next poll
                submitDueRetries();
            }
        });
    }

    /**
     * Retry partitions stay paused while records of theirs wait here; source partitions pause at {@code pauseAt}
     * records in flight and resume at half of it.
     */
    private void applyBackpressure() {
        leases.pauseOrResume(consumer, (lease, paused) -> isRetry(lease.partition())
                ? scheduler.isWaiting(lease.partition())
                : PartitionLeases.overLimit(lease, pauseAt, paused));
    }

    private void shutdown() {
        leases.closeAll(consumer, revokeWait);
        lanes.shutdown(5);
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("closing the consumer failed: {}", e.toString());
        }
        log.info("p21-sink poll loop stopped");
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

    private boolean isRetry(TopicPartition partition) {
        return router.levelOf(partition.topic()) > 0;
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            leases.revoke(consumer, partitions, revokeWait);
            scheduler.forget(partitions);
            parked.forget(partitions);
            log.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            leases.lost(partitions);
            scheduler.forget(partitions);
            parked.forget(partitions);
            log.warn("partitions lost without a commit: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            leases.assigned(partitions);
            parked.rebuild(consumer, partitions);
            log.info("partitions assigned: {}", partitions);
        }
    }
}
