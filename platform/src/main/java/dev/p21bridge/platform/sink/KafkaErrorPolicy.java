package dev.p21bridge.platform.sink;

import dev.p21bridge.schemas.serde.SchemaRegistryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Decides, for a failed write of the sinks' producer, whether sending it again can help, as
 * {@code StorefrontErrorPolicy} and {@code P21ErrorPolicy} do for the targets. Kafka marks what may pass by itself as
 * {@link RetriableException}: no leader, not enough replicas, a {@code TimeoutException} while the broker is down. An
 * unreachable schema registry passes too. Everything else is the record's own and comes back on every send: a record
 * too large, a value the serializer refuses, an invalid record, a denied topic.
 */
public final class KafkaErrorPolicy {

    /** What to do after a failed write. */
    public enum Verdict { RETRIABLE, NEVER_SUCCEEDS, INTERRUPTED }

    private KafkaErrorPolicy() {
    }

    public static Verdict classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InterruptedException || cause instanceof InterruptException) {
            return Verdict.INTERRUPTED;
        }
        if (cause instanceof RetriableException) {
            return Verdict.RETRIABLE;
        }
        if (cause instanceof SchemaRegistryException registry) {
            return registry.isRetriable() ? Verdict.RETRIABLE : Verdict.NEVER_SUCCEEDS;
        }
        return Verdict.NEVER_SUCCEEDS;
    }

    /** The failure a future or a serializer wrapped. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
