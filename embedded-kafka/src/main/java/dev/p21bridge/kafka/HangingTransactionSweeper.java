package dev.p21bridge.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts transactions that hang in a partition of the embedded broker, as {@code kafka-transactions.sh abort} would.
 *
 * <p>Why: when this single-node broker restarts after being killed, its transaction coordinator reloads a
 * transaction that was being committed and sends its markers at once, while the controller is still fencing and
 * unfencing the restarted node. For those seconds the partitions have no leader, and Kafka 4.3.1 then skips the
 * markers ("Couldn't find leader endpoint ... likely deleted already and hence can be skipped") and records the
 * transaction as complete. The partitions keep it open for ever: read_committed consumers stop at it, and committed
 * offsets of the group stay unstable, so Kafka Streams waits for them without end (seen as the crash-recovery stall
 * of CrashRecoveryIntegrationTest: the transformer timing out on OffsetFetch after a restart).
 *
 * <p>A transaction seen open for longer than the broker's maximum transaction timeout cannot be a live one (its
 * coordinator aborts it by then), so aborting it is safe. On this one-node broker every partition of such a
 * transaction missed its marker together, so aborting rolls the whole transaction back, as if the killed process had
 * died before committing: Kafka Streams processes its input again.
 */
final class HangingTransactionSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionSweeper.class);

    private final Admin admin;
    private final OpenTransactions open;
    private final ScheduledExecutorService timer;

    private HangingTransactionSweeper(Admin admin, OpenTransactions open) {
        this.admin = admin;
        this.open = open;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-hanging-transaction-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Looks every {@code interval}; a transaction open for longer than {@code hangingAfter} is aborted. */
    static HangingTransactionSweeper start(String bootstrapServers, Duration hangingAfter, Duration interval) {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-transaction-sweeper"));
        HangingTransactionSweeper sweeper = new HangingTransactionSweeper(admin, new OpenTransactions(hangingAfter));
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweepQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return sweeper;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            LOG.debug("could not look for hanging transactions this time; will look again", e);
        }
    }

    private void sweep() throws InterruptedException, ExecutionException {
        List<TopicPartition> partitions = new ArrayList<>();
        var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        admin.describeTopics(names).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        DescribeProducersResult producers = admin.describeProducers(partitions);
        List<OpenTransactions.Open> openNow = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            List<ProducerState> states;
            try {
                states = producers.partitionResult(partition).get().activeProducers();
            } catch (ExecutionException e) {
                continue; // a partition without a leader this moment: looked at again next time
            }
            for (ProducerState state : states) {
                state.currentTransactionStartOffset().ifPresent(start -> openNow.add(new OpenTransactions.Open(
                        partition, state.producerId(), state.producerEpoch(), state.coordinatorEpoch().orElse(-1), start)));
            }
        }
        for (OpenTransactions.Open hanging : open.observe(openNow, System.nanoTime())) {
            admin.abortTransaction(new AbortTransactionSpec(hanging.partition(), hanging.producerId(),
                    (short) hanging.producerEpoch(), hanging.coordinatorEpoch())).all().get();
            LOG.warn("aborted a hanging transaction in {} (producer id {}, epoch {}, open since offset {}): its"
                            + " coordinator finished it, but the partition never got its marker", hanging.partition(),
                    hanging.producerId(), hanging.producerEpoch(), hanging.startOffset());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
