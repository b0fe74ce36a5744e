package dev.p21bridge.platform.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.sink.DeadLetters.Settled;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final AtomicInteger sends = new AtomicInteger();
    private Predicate<ProducerRecord<String, byte[]>> refused = sent -> false;
    private RuntimeException refusal = new RecordTooLargeException("The message is 1500000 bytes when serialized");
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            sends.incrementAndGet();
            return refused.test(record) ? CompletableFuture.failedFuture(refusal) : super.send(record, callback);
        }
    };
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final SinkContext context = new SinkContext(new SinkSettings("p21-sink", "p21", RetryConfig.defaults()),
            producer, new RetryBacklog(new MockConsumer<>("earliest")), metrics, Clock.systemUTC());
    private final PartitionLease lease = new PartitionLease(new TopicPartition("canonical.orders", 3));

    @Test
    void aDeadLetterTooLargeToWriteBecomesASmallInternalDeadLetterPointingAtTheSourceRecord() {
        refused = sent -> sent.value() != null;

        boolean durable = context.deadLetters().publish(record(new byte[900_000]), lease, ErrorClass.VALIDATION,
                "items[0].sku is too long", 1);

        assertThat(durable).isTrue();
        ProducerRecord<String, byte[]> letter = producer.history().get(0);
        assertThat(letter.topic()).isEqualTo("dlq.p21-sink");
        assertThat(letter.value()).isNull();
        assertThat(letter.key()).isEqualTo("xcart:1");
        assertThat(letter.headers().lastHeader("event-id")).as("original headers are left off").isNull();
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.orders");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("3");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("42");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("internal");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("could not write the validation dead "
                + "letter", "RecordTooLargeException", "canonical.orders partition 3 offset 42");
        assertThat(metrics.counter("p21.dead.letters", "class", "internal").count()).isEqualTo(1);
    }

    @Test
    void whenEvenTheSmallDeadLetterCannotBeWrittenTheRecordIsFinishedAfterTwoSendsNotRetriedForEver() {
        refused = sent -> true;
        refusal = new TopicAuthorizationException(Set.of("dlq.p21-sink"));

        boolean durable = context.deadLetters().publish(record(new byte[10]), lease, ErrorClass.MAPPING,
                "cannot read the record", 1);

        assertThat(durable).isTrue();
        assertThat(sends).hasValue(2);
        assertThat(metrics.counter("p21.dead.letters.unwritable").count()).isEqualTo(1);
    }

    @Test
    void aConfirmationThatCanNeverBeSerializedIsReplacedByASmallDeadLetter() {
        Settled settled = context.deadLetters().settle(record(new byte[10]), lease, "confirmation of xcart:1", () -> {
            throw new SerializationException("Cannot serialize OrderConfirmation for topic "
                    + "canonical.order-confirmations");
        });

        assertThat(settled).isEqualTo(Settled.DEAD_LETTERED);
        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isNull();
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                    .contains("confirmation of xcart:1", "SerializationException");
        });
    }

    @Test
    void aRevokedLeaseIsNotFinishedWhenNothingCouldBeWritten() {
        refused = sent -> true;
        lease.revoke();

        boolean durable = context.deadLetters().publish(record(new byte[10]), lease, ErrorClass.MAPPING,
                "cannot read the record", 1);

        assertThat(durable).isFalse();
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", "evt-1".getBytes());
        return new ConsumerRecord<>("canonical.orders", 3, 42, 0L, TimestampType.CREATE_TIME, -1, -1, "xcart:1",
                value, headers, Optional.empty());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return DeadLetterHeaders.text(record.headers(), name).orElse(null);
    }
}
