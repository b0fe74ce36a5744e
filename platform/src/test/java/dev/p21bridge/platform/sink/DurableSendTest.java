package dev.p21bridge.platform.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class DurableSendTest {

    private final PartitionLease lease = new PartitionLease(new TopicPartition("canonical.orders", 0));
    private final AtomicInteger sends = new AtomicInteger();

    @Test
    void shouldSendAgainUntilKafkaAcknowledges() {
        boolean durable = DurableSend.await(lease, "confirmation of xcart:1", () -> sends.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new TimeoutException("no leader"))
                : CompletableFuture.completedFuture(null));

        assertThat(durable).isTrue();
        assertThat(sends).hasValue(3);
    }

    @Test
    void shouldGiveUpWithoutSendingAgainOnceThePartitionIsRevoked() {
        boolean durable = DurableSend.await(lease, "confirmation of xcart:1", () -> {
            sends.incrementAndGet();
            lease.revoke();
            return CompletableFuture.failedFuture(new TimeoutException("no leader"));
        });

        assertThat(durable).isFalse();
        assertThat(sends).hasValue(1);
    }

    @Test
    void shouldCountASendThatThrowsAtOnceAsAFailedTry() {
        boolean durable = DurableSend.await(lease, "dead letter", () -> {
            if (sends.incrementAndGet() == 1) {
                throw new IllegalStateException("producer fenced");
            }
            return CompletableFuture.completedFuture(null);
        });

        assertThat(durable).isTrue();
        assertThat(sends).hasValue(2);
    }
}
