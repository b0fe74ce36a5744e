package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.KeyedLanes;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.consumer.PartitionLeases;
import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryScheduler;
import dev.p21bridge.platform.retry.RetryState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The poll thread of the storefront-sink. It owns the consumer (which is not thread-safe): it hands each record to
 * its topic's {@link Route} (a {@link RecordHandler} run on {@link KeyedLanes}: one key at a time, different keys in
 * parallel), commits per partition the position after the longest run of finished records, pauses a partition
 * with too many records in flight and resumes it when they drain, and on a rebalance lets the work of revoked
 * partitions finish (bounded), commits it and drops the rest, which the next owner reads again from the committed
 * offset. (Adapted from the p21-sink's {@code OrderConsumerLoop}.)
 *
 * <p>It also reads {@code retry.storefront-sink.1..3}. Their records wait in the {@link RetryScheduler}, their
 * partition paused, until the head is due and one of its storefronts' circuits takes calls; then the head goes to
 * the route of its origin topic (on the lane of its origin key, so it runs one at a time with that key's source
 * records), and the next record of the partition only after the handler said {@link RetryStep.Kind#DONE}. Waiting
 * for a due time thus blocks neither other partitions nor the source topics. On assignment the parked shipment keys
 * are rebuilt from the retry backlog ({@link ParkedRecords}).
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
    /** How long a due retry record waits before looking again while its storefronts' circuits refuse calls. */
    private static final Duration CIRCUIT_RECHECK = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final Map<String, Route> routes;
    private final java.util.function.Consumer<Collection<TopicPartition>> afterRevoke;
    private final Duration revokeWait;
    private final RetryRouter router;
    private final RetryScheduler scheduler;
    private final List<ParkedRecords> parked;
    private final StorefrontCircuits circuits;
    private final Clock clock;
    private final PartitionLeases leases = new PartitionLeases(COMMIT_TIMEOUT);
    private final Thread thread;
    private volatile boolean running;

    /** What the loop needs to take records back from the retry topics. */
    record Retries(RetryRouter router, RetryScheduler scheduler, List<ParkedRecords> parked, StorefrontCircuits circuits,
                   Clock clock) {
    }

    /** @param afterRevoke told which partitions were revoked, after their finished work was committed */
    StorefrontConsumerLoop(Consumer<String, byte[]> consumer,
                           Map<String, Route> routes, java.util.function.Consumer<Collection<TopicPartition>> afterRevoke,
                           Duration revokeWait, Retries retries, MeterRegistry metrics) {
        this.consumer = consumer;
        this.routes = Map.copyOf(routes);
        this.afterRevoke = afterRevoke;
        this.revokeWait = revokeWait;
        this.router = retries.router();
        this.scheduler = retries.scheduler();
        this.parked = retries.parked();
        this.circuits = retries.circuits();
        this.clock = retries.clock();
        this.thread = new Thread(this::run, "storefront-sink-poll");
        // a restarted service in the same process (the sandbox, tests) must report its own loop, not the stopped one
        for (String name : List.of("storefront.sink.in.flight", "storefront.retry.waiting",
                "storefront.retry.parked.keys")) {
            Gauge previous = metrics.find(name).gauge();
            if (previous != null) {
                metrics.remove(previous);
            }
        }
        Gauge.builder("storefront.sink.in.flight", leases, PartitionLeases::inFlight).register(metrics);
        Gauge.builder("storefront.retry.waiting", scheduler, RetryScheduler::size).register(metrics);
        Gauge.builder("storefront.retry.parked.keys", parked, all -> all.stream().mapToInt(ParkedRecords::keys).sum())
                .register(metrics);
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
            List<String> topics = new ArrayList<>(routes.keySet());
            topics.addAll(router.topics());
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (isRetry(record.topic())) {
                        leases.of(record).offsets().received(record.offset());
                        scheduler.add(record);
                    } else {
                        dispatch(record);
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
            log.error("poll loop failed; the storefront-sink stops consuming", e);
        } finally {
            running = false;
            shutdown();
        }
    }

    /**
     * Hands the due heads of retry partitions to the route of their origin topic; a head whose storefronts' circuits
     * all refuse calls goes back to wait. Called by the poll thread and by a worker that finished a retry record; the
     * scheduler hands each head out once.
     */
    private void submitDueRetries() {
        for (ConsumerRecord<String, byte[]> record : scheduler.takeDue()) {
            PartitionLease lease = leases.get(partition(record));
            if (lease == null) {
                continue;
            }
            Optional<String> origin = RetryHeaders.read(record.headers()).map(RetryState::origin).map(o -> o.topic());
            Route route = origin.map(routes::get).orElse(null);
            if (route == null) {
                log.error("{}-{}@{} comes from {}, which this sink does not handle; it waits", record.topic(),
                        record.partition(), record.offset(), origin.orElse("no readable origin"));
                scheduler.putBack(record, clock.instant().plus(Duration.ofMinutes(1)));
                continue;
            }
            if (!circuits.anyPermitsCalls(route.handler().targets(record))) {
                scheduler.putBack(record, clock.instant().plus(CIRCUIT_RECHECK));
                continue;
            }
            route.lanes().submit(laneKey(origin.get(), record), () -> runRetry(route, record, lease));
        }
    }

    private void runRetry(Route route, ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        if (!lease.enter()) {
            return;
        }
        try {
            RetryStep step = route.handler().handleRetry(record, lease);
            if (step.kind() == RetryStep.Kind.DONE) {
                scheduler.done(record);
            } else if (step.kind() == RetryStep.Kind.HELD) {
                scheduler.putBack(record, step.dueAgain());
            }
        } catch (RuntimeException e) {
            log.error("retry record {}-{}@{} failed inside the sink; it is tried again", record.topic(),
                    record.partition(), record.offset(), e);
            scheduler.putBack(record, clock.instant().plus(CIRCUIT_RECHECK));
        } finally {
            lease.exit();
        }
        // the next record of the partition may be due already: hand it out now, not at the next poll
        submitDueRetries();
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        PartitionLease lease = leases.of(record);
        lease.offsets().received(record.offset());
        Route route = routes.get(record.topic());
        route.lanes().submit(laneKey(record.topic(), record), () -> {
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

    /**
     * Retry partitions stay paused while records of theirs wait here; a source partition pauses at its route's
     * {@code pauseAt} records in flight and resumes at half of it.
     */
    private void applyBackpressure() {
        leases.pauseOrResume(consumer, (lease, paused) -> isRetry(lease.partition().topic())
                ? scheduler.isWaiting(lease.partition())
                : PartitionLeases.overLimit(lease, routes.get(lease.partition().topic()).pauseAt(), paused));
    }

    private void shutdown() {
        leases.closeAll(consumer, revokeWait);
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

    private boolean isRetry(String topic) {
        return router.levelOf(topic) > 0;
    }

    /** One lane per key of a source topic, shared by its records read back from retry. */
    private static String laneKey(String sourceTopic, ConsumerRecord<String, byte[]> record) {
        return sourceTopic + "/" + (record.key() != null ? record.key() : "partition-" + record.partition());
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            leases.revoke(consumer, partitions, revokeWait);
            scheduler.forget(partitions);
            parked.forEach(p -> p.forget(partitions));
            afterRevoke.accept(partitions);
            log.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            leases.lost(partitions);
            scheduler.forget(partitions);
            parked.forEach(p -> p.forget(partitions));
            afterRevoke.accept(partitions);
            log.warn("partitions lost without a commit: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            leases.assigned(partitions);
            parked.forEach(p -> p.rebuild(consumer, partitions));
            log.info("partitions assigned: {}", partitions);
        }
    }
}
