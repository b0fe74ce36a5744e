package dev.p21bridge.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The transactions left open in partitions, and for how long each has been seen open. A transaction open longer
 * than the broker's {@code transaction.max.timeout.ms} hangs: its coordinator would have aborted it by then, so the
 * coordinator believes it finished while the partition never got its marker.
 */
final class OpenTransactions {

    /** One open transaction in one partition, as {@code DescribeProducers} shows it. */
    record Open(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch, long startOffset) {
    }

    private final long hangingAfterNanos;
    private final Map<Open, Long> firstSeen = new HashMap<>();

    OpenTransactions(Duration hangingAfter) {
        this.hangingAfterNanos = hangingAfter.toNanos();
    }

    /**
     * Takes what is open now (everything else is forgotten) and answers the transactions seen open, without a
     * pause in between, for longer than the hanging time.
     */
    List<Open> observe(Iterable<Open> openNow, long nowNanos) {
        Set<Open> current = new HashSet<>();
        List<Open> hanging = new ArrayList<>();
        for (Open open : openNow) {
            current.add(open);
            long since = firstSeen.computeIfAbsent(open, key -> nowNanos);
            if (nowNanos - since > hangingAfterNanos) {
                hanging.add(open);
            }
        }
        firstSeen.keySet().retainAll(current);
        return hanging;
    }
}
