package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.KeyedLanes;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.consumer.PartitionLeases;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryScheduler;
import dev.p21bridge.platform.retry.RetryState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread of a sink. It owns the consumer (which is not thread-safe): it hands each record to its topic's
 * {@link Route} (a {@link RecordHandler} run on {@link KeyedLanes}: one key at a time, different keys in parallel),
 * commits per partition the position after the longest run of finished records, pauses a partition with too many
 * records in flight and resumes it when they drain, and on a rebalance lets the work of revoked partitions finish
 * (bounded), commits it and drops the rest, which the next owner reads again from the committed offset.
 *
 * <p>It also reads {@code retry.<service>.1..n}. Their records wait in the {@link RetryScheduler}, their partition
 * paused, until the head is due and its target takes calls ({@link RecordHandler#permitsCalls}); then the head goes
 * to the route of its origin topic (on the lane of its origin key, so it runs one at a time with that key's source
 * records), and the next record of the partition only after the handler said {@link RetryStep.Kind#DONE}. Waiting
 * for a due time thus blocks neither other partitions nor the source topics. On assignment the parked keys are
 * rebuilt from the retry backlog ({@link ParkedRecords}).
 *
 * <p>A throwable a handler lets out, {@link Error}s included, becomes an {@code internal} dead letter and its offset
 * is finished: neither the partition nor the worker waits for a restart.
 *
 * <p>Metrics: {@code <prefix>.sink.in.flight}, {@code <prefix>.retry.waiting}, {@code <prefix>.retry.parked.keys}.
 */
public final class KeyedConsumerLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyedConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(10);
    /** How long a due retry record waits before looking again while its target refuses calls. */
    static final Duration CIRCUIT_RECHECK = Duration.ofMillis(500);
    /** How long a retry record whose origin this sink does not handle waits before it is looked at again. */
    private static final Duration UNROUTED_WAIT = Duration.ofMinutes(1);

    private final Consumer<String, byte[]> consumer;
    private final SinkContext context;
    private final Map<String, Route> routes;
    private final SinkWiring wiring;
    private final RetryRouter router;
    private final RetryScheduler scheduler;
    private final List<ParkedRecords> parked;
    private final PartitionLeases leases = new PartitionLeases(COMMIT_TIMEOUT);
    private final Thread thread;
    private volatile boolean running;

    public KeyedConsumerLoop(Consumer<String, byte[]> consumer, SinkContext context, SinkWiring wiring) {
        this.consumer = consumer;
        this.context = context;
        this.routes = wiring.routes();
        this.wiring = wiring;
        this.router = context.router();
        this.scheduler = new RetryScheduler(context.clock());
        this.parked = context.allParked();
        this.thread = new Thread(this::run, context.service() + "-poll");
        registerGauges(context.metrics());
    }

    /** A restarted service in the same process (the sandbox, tests) must report its own loop, not the stopped one. */
    private void registerGauges(MeterRegistry metrics) {
        for (String name : List.of("sink.in.flight", "retry.waiting", "retry.parked.keys")) {
            Gauge previous = metrics.find(context.metric(name)).gauge();
            if (previous != null) {
                metrics.remove(previous);
            }
        }
        Gauge.builder(context.metric("sink.in.flight"), leases, PartitionLeases::inFlight).register(metrics);
        Gauge.builder(context.metric("retry.waiting"), scheduler, RetryScheduler::size).register(metrics);
        Gauge.builder(context.metric("retry.parked.keys"), parked,
                all -> all.stream().mapToInt(ParkedRecords::keys).sum()).register(metrics);
    }

    public void start() {
        running = true;
        thread.start();
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        try {
            List<String> topics = new ArrayList<>(routes.keySet());
            topics.addAll(router.topics());
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("poll loop woken unexpectedly", e);
            }
        } catch (RuntimeException | Error e) {
            log.error("poll loop failed; the {} stops consuming", context.service(), e);
        } finally {
            running = false;
            shutdown();
        }
    }

    private void pollOnce() {
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

    /**
     * Hands the due heads of retry partitions to the route of their origin topic; a head whose target refuses calls
     * goes back to wait. Called by the poll thread and by a worker that finished a retry record; the scheduler hands
     * each head out once.
     */
    private void submitDueRetries() {
        for (ConsumerRecord<String, byte[]> record : scheduler.takeDue()) {
            PartitionLease lease = leases.get(new TopicPartition(record.topic(), record.partition()));
            if (lease == null) {
                continue;
            }
            Optional<String> origin = RetryHeaders.read(record.headers()).map(RetryState::origin).map(o -> o.topic());
            Route route = origin.map(routes::get).orElse(null);
            if (route == null) {
                log.error("{}-{}@{} comes from {}, which this sink does not handle; it waits", record.topic(),
                        record.partition(), record.offset(), origin.orElse("no readable origin"));
                scheduler.putBack(record, context.clock().instant().plus(UNROUTED_WAIT));
            } else if (!route.handler().permitsCalls(record)) {
                scheduler.putBack(record, context.clock().instant().plus(CIRCUIT_RECHECK));
            } else {
                route.lanes().submit(laneKey(origin.get(), record), () -> runRetry(route, record, lease));
            }
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
        } catch (RuntimeException | Error e) {
            if (contain(record, lease, e)) {
                scheduler.done(record);
            }
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
            } catch (RuntimeException | Error e) {
                contain(record, lease, e);
            } finally {
                lease.exit();
            }
        });
    }

    /**
     * A throwable out of a handler (a bug, a {@link StackOverflowError}) would leave the record's offset unfinished,
     * holding the partition's commit until a restart, which would meet the record again. It becomes an
     * {@code internal} dead letter and the offset is finished; false when the lease was revoked first.
     */
    private boolean contain(ConsumerRecord<String, byte[]> record, PartitionLease lease, Throwable fault) {
        log.error("{}-{}@{} failed inside the {}; it becomes an internal dead letter", record.topic(),
                record.partition(), record.offset(), context.service(), fault);
        if (!context.deadLetters().publish(record, lease, ErrorClass.INTERNAL,
                InternalFault.message(context.service(), "record", fault), 1)) {
            return false;
        }
        lease.offsets().completed(record.offset());
        return true;
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
        leases.closeAll(consumer, wiring.revokeWait());
        routes.values().stream().map(Route::lanes).distinct().forEach(lanes -> lanes.shutdown(5));
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("closing the consumer failed: {}", e.toString());
        }
        log.info("{} poll loop stopped", context.service());
    }

    /** Stops polling, lets running work finish (bounded by the revoke wait), commits what is done and returns. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(wiring.revokeWait().plusSeconds(15).toMillis());
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

    /** Partitions leave with their retry waits and parked keys; the sink hears of it last. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            leases.revoke(consumer, partitions, wiring.revokeWait());
            forget(partitions);
            log.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            leases.lost(partitions);
            forget(partitions);
            log.warn("partitions lost without a commit: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            leases.assigned(partitions, endOffsets(partitions));
            parked.forEach(p -> p.rebuild(consumer, partitions));
            log.info("partitions assigned: {}", partitions);
        }

        /**
         * Where each partition ends as this assignment begins: a record past it is read here first (a sink may skip
         * the checks that guard against an earlier owner's unfinished work). None when Kafka does not say in time.
         */
        private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return Map.of();
            }
            try {
                return consumer.endOffsets(partitions, END_OFFSETS_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("end offsets of {} unknown ({}); every record of theirs counts as read before", partitions,
                        e.toString());
                return Map.of();
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            scheduler.forget(partitions);
            parked.forEach(p -> p.forget(partitions));
            wiring.afterRevoke().accept(partitions);
        }
    }
}
