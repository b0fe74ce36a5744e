package dev.p21bridge.storefront;

import dev.p21bridge.platform.dlq.DeadLetterPublisher;
import dev.p21bridge.platform.dlq.ErrorClass;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record the sink gives up on to {@code dlq.storefront-sink} (key, value and headers intact plus the
 * contract's {@code dlq.*} headers) and waits until Kafka acknowledged it: a Kafka outage holds the record back
 * rather than losing it. Counted as {@code storefront.dead.letters{class}}.
 */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String SERVICE = "storefront-sink";

    private final DeadLetterPublisher publisher;
    private final MeterRegistry metrics;
    private final Clock clock;

    DeadLetters(Producer<String, byte[]> producer, MeterRegistry metrics, Clock clock) {
        this.publisher = new DeadLetterPublisher(producer, SERVICE);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** True when the dead letter is durable; false when the lease was revoked first (the next owner redoes it). */
    boolean publish(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                    String message, int attempts) {
        log.warn("dead letter ({}) for {}-{}@{}: {}", errorClass.label(), record.topic(), record.partition(),
                record.offset(), message);
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.publish(record, errorClass, message, attempts, clock.instant()).get();
                metrics.counter("storefront.dead.letters", "class", errorClass.label()).increment();
                return true;
            } catch (ExecutionException | RuntimeException e) {
                log.warn("writing the dead letter of {}-{}@{} failed (attempt {}): {}", record.topic(),
                        record.partition(), record.offset(), attempt, e.getMessage());
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
