package dev.p21bridge.p21;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.InPlaceRetry;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.InternalFault;
import dev.p21bridge.platform.sink.SinkContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of a canonical record whose whole effect is one idempotent write to P21 (a payment's cash
 * receipt, a return's RMA): decoded, judged by a {@link Step} function, and then done, dead-lettered, or tried again
 * on the spot as an order is ({@link InPlaceRetry}) before the {@link dev.p21bridge.platform.sink.RetryFlow} moves
 * it on; a payment waiting for its order in P21 moves on at once. A throwable of the step is an {@code internal} dead letter.
 * Metric {@code <metric>{outcome}}.
 *
 * @param <V> the canonical record
 */
final class P21Delivery<V> implements Delivery {

    /** What one write came to. {@code outcome} labels the metric. */
    sealed interface Step {
        record Done(String outcome) implements Step {
        }

        record DeadLetter(ErrorClass errorClass, String message, String outcome) implements Step {
        }

        /** Nothing is known to be written; try again (in place while that may help, then later). */
        record Retry(String reason, Duration retryAfter, String outcome) implements Step {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(P21Delivery.class);

    private final String what;
    private final String metric;
    private final Deserializer<V> deserializer;
    private final String typeName;
    private final Function<V, Step> step;
    private final CircuitBreaker breaker;
    private final InPlaceRetry inPlace;
    private final SinkContext context;

    /**
     * @param what     what the record is, for log lines ("payment")
     * @param typeName the Avro record's name, for a dead letter of a value that cannot be read
     */
    P21Delivery(String what, String metric, Deserializer<V> deserializer, String typeName, Function<V, Step> step,
                CircuitBreaker breaker, InPlaceRetry inPlace, SinkContext context) {
        this.what = what;
        this.metric = metric;
        this.deserializer = deserializer;
        this.typeName = typeName;
        this.step = step;
        this.breaker = breaker;
        this.inPlace = inPlace;
        this.context = context;
    }

    @Override
    public String what() {
        return what;
    }

    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        return breaker.permitsCalls();
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<V> decoded = context.reader().read(record, deserializer, typeName, lease);
        if (!(decoded instanceof Decoded.Value<V> value)) {
            return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
        }
        InPlaceRetry.Outcome<Step> tried;
        try {
            tried = inPlace.run(() -> counted(step.apply(value.value())), P21Delivery::failureOf,
                    lease::awaitRevoked);
        } catch (RuntimeException e) {
            log.error("writing {} {} failed inside the sink", what, record.key(), e);
            return deadLetter(record, lease, ErrorClass.INTERNAL, InternalFault.message("p21-sink", what, e));
        }
        if (tried instanceof InPlaceRetry.Outcome.Revoked<Step>) {
            return new Attempt.Revoked();
        }
        if (tried instanceof InPlaceRetry.Outcome.GaveUp<Step> gaveUp) {
            log.info("{} {} not written yet ({} tries): {}", what, record.key(), gaveUp.tries(),
                    gaveUp.last().reason());
            return new Attempt.Failed(breaker, gaveUp.last().reason(), gaveUp.last().retryAfter());
        }
        Step result = ((InPlaceRetry.Outcome.Settled<Step>) tried).result();
        if (result instanceof Step.DeadLetter letter) {
            log.warn("{} {} dead-lettered ({}): {}", what, record.key(), letter.errorClass(), letter.message());
            return deadLetter(record, lease, letter.errorClass(), letter.message());
        }
        return new Attempt.Done();
    }

    /** A step still waiting for its order in P21 ({@code waiting}) is not tried again here: only later helps. */
    private static Optional<InPlaceRetry.Failure> failureOf(Step step) {
        return step instanceof Step.Retry retry
                ? Optional.of(new InPlaceRetry.Failure(retry.reason(), retry.retryAfter(),
                        !"waiting".equals(retry.outcome())))
                : Optional.empty();
    }

    private Step counted(Step step) {
        String outcome = step instanceof Step.Done done ? done.outcome()
                : step instanceof Step.DeadLetter letter ? letter.outcome() : ((Step.Retry) step).outcome();
        count(outcome);
        return step;
    }

    private Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                               String message) {
        return context.deadLetters().publish(record, lease, errorClass, message, 1)
                ? new Attempt.Done() : new Attempt.Revoked();
    }

    private void count(String outcome) {
        context.metrics().counter(metric, "outcome", outcome).increment();
    }
}
