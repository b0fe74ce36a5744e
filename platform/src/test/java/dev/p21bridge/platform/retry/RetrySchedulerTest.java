package dev.p21bridge.platform.retry;

import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.retry.RetryState.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RetrySchedulerTest {

    private static final TopicPartition P0 = new TopicPartition("retry.p21-sink.1", 0);
    private static final TopicPartition P1 = new TopicPartition("retry.p21-sink.1", 1);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final RetryScheduler scheduler = new RetryScheduler(clock);

    @Test
    void shouldHandOutARecordOnlyOnceItIsDue() {
        scheduler.add(record(P0, 0, Duration.ofSeconds(10)));

        assertThat(scheduler.takeDue()).isEmpty();
        assertThat(scheduler.nextDue()).contains(clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(scheduler.takeDue()).extracting(ConsumerRecord::offset).containsExactly(0L);
        assertThat(scheduler.takeDue()).isEmpty();
    }

    @Test
    void shouldKeepAPartitionInOrderEvenWhenALaterRecordIsDueFirst() {
        ConsumerRecord<String, byte[]> first = record(P0, 0, Duration.ofSeconds(10));
        scheduler.add(first);
        scheduler.add(record(P0, 1, Duration.ZERO));

        assertThat(scheduler.takeDue()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(scheduler.takeDue()).extracting(ConsumerRecord::offset).containsExactly(0L);
        assertThat(scheduler.takeDue()).isEmpty();
        scheduler.done(first);
        assertThat(scheduler.takeDue()).extracting(ConsumerRecord::offset).containsExactly(1L);
    }

    @Test
    void shouldNotLetAWaitingPartitionHoldUpAnother() {
        scheduler.add(record(P0, 0, Duration.ofMinutes(10)));
        scheduler.add(record(P1, 7, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));

        assertThat(scheduler.takeDue()).extracting(ConsumerRecord::partition).containsExactly(1);
        assertThat(scheduler.isWaiting(P0)).isTrue();
    }

    @Test
    void shouldOfferAPutBackHeadAgainAtItsNewDueTime() {
        ConsumerRecord<String, byte[]> head = record(P0, 0, Duration.ZERO);
        scheduler.add(head);
        scheduler.add(record(P0, 1, Duration.ZERO));
        assertThat(scheduler.takeDue()).hasSize(1);

        scheduler.putBack(head, clock.instant().plusSeconds(2));

        assertThat(scheduler.takeDue()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(scheduler.takeDue()).extracting(ConsumerRecord::offset).containsExactly(0L);
    }

    @Test
    void shouldSayAPartitionWaitsUntilItsLastRecordIsDone() {
        ConsumerRecord<String, byte[]> only = record(P0, 0, Duration.ZERO);
        scheduler.add(only);
        assertThat(scheduler.isWaiting(P0)).isTrue();
        scheduler.takeDue();

        scheduler.done(only);

        assertThat(scheduler.isWaiting(P0)).isFalse();
        assertThat(scheduler.size()).isZero();
        assertThat(scheduler.nextDue()).isEmpty();
    }

    @Test
    void shouldIgnoreAReportAboutARecordThatIsNoLongerTheHead() {
        ConsumerRecord<String, byte[]> stale = record(P0, 0, Duration.ZERO);
        scheduler.add(stale);
        scheduler.takeDue();
        scheduler.forget(List.of(P0));
        scheduler.add(record(P0, 5, Duration.ZERO));

        scheduler.done(stale);
        scheduler.putBack(stale, clock.instant().plusSeconds(60));

        assertThat(scheduler.takeDue()).extracting(ConsumerRecord::offset).containsExactly(5L);
    }

    @Test
    void shouldTakeARecordWithoutADueTimeAsDueNow() {
        scheduler.add(new ConsumerRecord<>(P0.topic(), 0, 3, "k", new byte[0]));

        assertThat(scheduler.takeDue()).hasSize(1);
    }

    @Test
    void shouldForgetThePartitionsItNoLongerOwns() {
        scheduler.add(record(P0, 0, Duration.ZERO));
        scheduler.add(record(P1, 0, Duration.ZERO));

        scheduler.forget(List.of(P0));

        assertThat(scheduler.takeDue()).extracting(ConsumerRecord::partition).containsExactly(1);
        assertThat(scheduler.isWaiting(P0)).isFalse();
    }

    private ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, Duration dueIn) {
        RecordHeaders headers = new RecordHeaders();
        RetryHeaders.write(headers, new RetryState(1, clock.instant().plus(dueIn),
                new Origin("canonical.orders", partition.partition(), 100 + offset)));
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 0L, TimestampType.CREATE_TIME,
                0, 0, "key-" + offset, new byte[0], headers, java.util.Optional.empty());
    }
}
