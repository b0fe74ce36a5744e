package dev.p21bridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OpenTransactionsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final OpenTransactions.Open ORDERS = new OpenTransactions.Open(
            new TopicPartition("canonical.orders", 4), 5, 4, 4, 1_200);
    private static final OpenTransactions.Open OFFSETS = new OpenTransactions.Open(
            new TopicPartition("__consumer_offsets", 2), 5, 4, 4, 88);

    @Test
    void shouldCallATransactionHangingOnlyOnceItWasSeenOpenLongerThanTheLimit() {
        OpenTransactions open = new OpenTransactions(Duration.ofSeconds(75));

        assertThat(open.observe(List.of(ORDERS, OFFSETS), 0)).isEmpty();
        assertThat(open.observe(List.of(ORDERS, OFFSETS), 75 * SECOND)).isEmpty();
        assertThat(open.observe(List.of(ORDERS, OFFSETS), 76 * SECOND)).containsExactlyInAnyOrder(ORDERS, OFFSETS);
    }

    @Test
    void shouldStartCountingAgainWhenATransactionWasClosedInBetween() {
        OpenTransactions open = new OpenTransactions(Duration.ofSeconds(75));

        open.observe(List.of(ORDERS), 0);
        open.observe(List.of(), 40 * SECOND);
        assertThat(open.observe(List.of(ORDERS), 80 * SECOND)).isEmpty();
        assertThat(open.observe(List.of(ORDERS), 156 * SECOND)).containsExactly(ORDERS);
    }

    @Test
    void shouldTreatANewTransactionOfTheSameProducerAsANewOne() {
        OpenTransactions open = new OpenTransactions(Duration.ofSeconds(75));
        OpenTransactions.Open next = new OpenTransactions.Open(ORDERS.partition(), 5, 4, 4, 1_500);

        open.observe(List.of(ORDERS), 0);
        assertThat(open.observe(List.of(next), 80 * SECOND)).isEmpty();
    }
}
