package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.BackoffRetry;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the producer's acknowledgement of a record's outcome (a confirmation, a dead letter, a move to a retry
 * topic) before the record's offset may be committed. A Kafka outage holds the record back rather than losing its
 * outcome: the send is repeated with {@link BackoffRetry#standard()} gaps until it is acknowledged or the partition is
 * taken away.
 */
public final class DurableSend {

    private static final Logger log = LoggerFactory.getLogger(DurableSend.class);

    private DurableSend() {
    }

    /**
     * True once Kafka acknowledged; false when the lease was revoked (or the thread interrupted) first, so the
     * partition's next owner redoes the record.
     *
     * @param what names the record in log lines, e.g. "confirmation of xcart:1"
     */
    public static boolean await(PartitionLease lease, String what, Supplier<? extends Future<?>> send) {
        for (int attempt = 1; ; attempt++) {
            try {
                send.get().get();
                return true;
            } catch (ExecutionException | RuntimeException e) {
                log.warn("writing the {} failed (attempt {}): {}", what, attempt, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (lease.awaitRevoked(BackoffRetry.standard().delay(attempt))) {
                return false;
            }
        }
    }
}
