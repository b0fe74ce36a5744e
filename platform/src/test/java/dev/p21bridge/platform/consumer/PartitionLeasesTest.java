package dev.p21bridge.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartitionLeasesTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("canonical.orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("canonical.orders", 1);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final PartitionLeases leases = new PartitionLeases(Duration.ofSeconds(5));

    /** MockConsumer reports offset 0 as committed for a partition it does not have assigned. */
    @BeforeEach
    void assign() {
        consumer.assign(List.of(ORDERS_0, ORDERS_1));
    }

    @Test
    void shouldCommitEachPartitionUpToItsFirstUnfinishedRecord() {
        leases.assigned(List.of(ORDERS_0, ORDERS_1));
        receive(ORDERS_0, 0, 1, 2);
        receive(ORDERS_1, 7);
        leases.get(ORDERS_0).offsets().completed(0);
        leases.get(ORDERS_0).offsets().completed(2);

        leases.commitFinished(consumer);

        assertThat(committed()).containsExactly(Map.entry(ORDERS_0, 1L));
        assertThat(leases.inFlight()).as("1 and 2 of partition 0 (2 waits on 1), 7 of partition 1").isEqualTo(3);
    }

    @Test
    void shouldLetRunningWorkFinishBeforeTheRevocationCommitAndThenForgetThePartition() throws Exception {
        leases.assigned(List.of(ORDERS_0));
        receive(ORDERS_0, 0);
        PartitionLease lease = leases.get(ORDERS_0);
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            lease.enter();
            started.countDown();
            lease.awaitRevoked(Duration.ofSeconds(5));
            lease.offsets().completed(0);
            lease.exit();
        });
        worker.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        leases.revoke(consumer, List.of(ORDERS_0), Duration.ofSeconds(5));

        assertThat(committed()).containsExactly(Map.entry(ORDERS_0, 1L));
        assertThat(leases.get(ORDERS_0)).isNull();
        assertThat(lease.enter()).as("no worker starts on a revoked partition").isFalse();
        worker.join(5_000);
    }

    @Test
    void shouldCommitOnlyWhatIsFinishedWhenWorkOutlastsTheRevocationBound() throws Exception {
        leases.assigned(List.of(ORDERS_0));
        receive(ORDERS_0, 0, 1);
        PartitionLease lease = leases.get(ORDERS_0);
        lease.offsets().completed(0);
        assertThat(lease.enter()).isTrue();

        leases.revoke(consumer, List.of(ORDERS_0), Duration.ofMillis(50));

        assertThat(committed()).containsExactly(Map.entry(ORDERS_0, 1L));
        lease.exit();
    }

    @Test
    void shouldCommitNothingForALostPartitionAndRevokeItsLease() {
        leases.assigned(List.of(ORDERS_0));
        receive(ORDERS_0, 0);
        PartitionLease lease = leases.get(ORDERS_0);
        lease.offsets().completed(0);

        leases.lost(List.of(ORDERS_0));

        assertThat(lease.isRevoked()).isTrue();
        assertThat(leases.get(ORDERS_0)).isNull();
        leases.commitFinished(consumer);
        assertThat(committed()).isEmpty();
    }

    @Test
    void shouldGiveANewAssignmentANewLeaseThatLateWorkOfTheOldOneCannotMove() {
        leases.assigned(List.of(ORDERS_0));
        receive(ORDERS_0, 5);
        PartitionLease old = leases.get(ORDERS_0);
        leases.lost(List.of(ORDERS_0));
        leases.assigned(List.of(ORDERS_0));

        old.offsets().completed(5);
        leases.commitFinished(consumer);

        assertThat(leases.get(ORDERS_0)).isNotSameAs(old);
        assertThat(committed()).isEmpty();
    }

    @Test
    void shouldCommitFinishedWorkOfEveryPartitionOnClose() {
        leases.assigned(List.of(ORDERS_0, ORDERS_1));
        receive(ORDERS_0, 3);
        receive(ORDERS_1, 9);
        leases.get(ORDERS_0).offsets().completed(3);
        leases.get(ORDERS_1).offsets().completed(9);

        leases.closeAll(consumer, Duration.ofSeconds(1));

        assertThat(committed()).containsOnly(Map.entry(ORDERS_0, 4L), Map.entry(ORDERS_1, 10L));
        assertThat(leases.all()).isEmpty();
    }

    @Test
    void shouldPauseASourcePartitionAtTheLimitAndResumeItAtHalf() {
        leases.assigned(List.of(ORDERS_0, ORDERS_1));
        PartitionLeases.PauseRule atFour = (lease, paused) -> PartitionLeases.overLimit(lease, 4, paused);
        receive(ORDERS_0, 0, 1, 2, 3);
        receive(ORDERS_1, 0, 1, 2);

        leases.pauseOrResume(consumer, atFour);
        assertThat(consumer.paused()).as("4 in flight on partition 0, 3 on partition 1").containsExactly(ORDERS_0);

        leases.get(ORDERS_0).offsets().completed(0);
        leases.pauseOrResume(consumer, atFour);
        assertThat(consumer.paused()).as("3 in flight: above half, still paused").containsExactly(ORDERS_0);

        leases.get(ORDERS_0).offsets().completed(1);
        leases.pauseOrResume(consumer, atFour);
        assertThat(consumer.paused()).as("2 in flight: half, resumed").isEmpty();
    }

    @Test
    void shouldPauseAndResumeWhatTheRuleSays() {
        leases.assigned(List.of(ORDERS_0, ORDERS_1));
        Set<TopicPartition> waiting = new HashSet<>(Set.of(ORDERS_1));

        leases.pauseOrResume(consumer, (lease, paused) -> waiting.contains(lease.partition()));
        assertThat(consumer.paused()).containsExactly(ORDERS_1);

        waiting.clear();
        leases.pauseOrResume(consumer, (lease, paused) -> waiting.contains(lease.partition()));
        assertThat(consumer.paused()).isEmpty();
    }

    private void receive(TopicPartition partition, long... offsets) {
        for (long offset : offsets) {
            leases.of(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", new byte[0]))
                    .offsets().received(offset);
        }
    }

    private Map<TopicPartition, Long> committed() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        consumer.committed(Set.of(ORDERS_0, ORDERS_1)).forEach((partition, offset) -> {
            if (offset != null) {
                positions.put(partition, offset.offset());
            }
        });
        return positions;
    }
}
