package dev.p21bridge.platform.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.sink.DurableSend.Sent;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DurableSendTest {

    private final PartitionLease lease = new PartitionLease(new TopicPartition("canonical.orders", 0));
    private final AtomicInteger sends = new AtomicInteger();

    @Test
    void shouldSendAgainUntilKafkaAcknowledges() {
        Sent sent = DurableSend.await(lease, "confirmation of xcart:1", () -> sends.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new TimeoutException("no leader"))
                : CompletableFuture.completedFuture(null));

        assertThat(sent.acknowledged()).isTrue();
        assertThat(sends).hasValue(3);
    }

    @Test
    void shouldGiveUpWithoutSendingAgainOnceThePartitionIsRevoked() {
        Sent sent = DurableSend.await(lease, "confirmation of xcart:1", () -> {
            sends.incrementAndGet();
            lease.revoke();
            return CompletableFuture.failedFuture(new TimeoutException("no leader"));
        });

        assertThat(sent.kind()).isEqualTo(Sent.Kind.REVOKED);
        assertThat(sends).hasValue(1);
    }

    @Test
    void shouldCountARetriableFailureThrownAtOnceByTheSendAsAFailedTry() {
        Sent sent = DurableSend.await(lease, "dead letter", () -> {
            if (sends.incrementAndGet() == 1) {
                throw new NotEnoughReplicasException("1 of 3 in sync");
            }
            return CompletableFuture.completedFuture(null);
        });

        assertThat(sent.acknowledged()).isTrue();
        assertThat(sends).hasValue(2);
    }

    static Stream<RuntimeException> failuresThatNeverPass() {
        return Stream.of(new RecordTooLargeException("The message is 2000000 bytes"),
                new SerializationException("Cannot serialize OrderConfirmation"),
                new InvalidRecordException("null key on a compacted topic"),
                new TopicAuthorizationException(Set.of("dlq.p21-sink")),
                new IllegalStateException("a serializer's own exception"));
    }

    @ParameterizedTest
    @MethodSource("failuresThatNeverPass")
    void aFailureThatComesBackOnEverySendEndsTheWaitAtOnceAsUnwritable(RuntimeException failure) {
        Sent sent = DurableSend.await(lease, "dead letter", () -> {
            sends.incrementAndGet();
            return CompletableFuture.failedFuture(failure);
        });

        assertThat(sent.kind()).isEqualTo(Sent.Kind.UNWRITABLE);
        assertThat(sent.cause()).isSameAs(failure);
        assertThat(sends).hasValue(1);
    }

    @ParameterizedTest
    @MethodSource("failuresThatNeverPass")
    void aFailureThatComesBackOnEverySendIsUnwritableAlsoWhenTheSendThrowsIt(RuntimeException failure) {
        Sent sent = DurableSend.await(lease, "confirmation of xcart:1", () -> {
            sends.incrementAndGet();
            throw failure;
        });

        assertThat(sent.kind()).isEqualTo(Sent.Kind.UNWRITABLE);
        assertThat(sends).hasValue(1);
    }
}
