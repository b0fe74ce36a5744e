package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A record the producer cannot write becomes a bounded dead letter or a logged skip, never a dead stream thread. */
class ContractDeadLetterHandlerTest {

    private static final ProducerRecord<byte[], byte[]> ORDER = new ProducerRecord<>("canonical.orders",
            "xcart:1".getBytes(StandardCharsets.UTF_8), new byte[10]);

    private final ContractDeadLetterHandler handler = new ContractDeadLetterHandler();

    @BeforeEach
    void configure() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq.transformer"));
    }

    @Test
    void aRecordTooLargeForItsTopicBecomesAnInternalDeadLetterOfTheSourceRecordAndTheStreamGoesOn() {
        byte[] body = "{\"id\": 1}".getBytes(StandardCharsets.UTF_8);

        ProductionExceptionHandler.Response response = handler.handleError(context(body), ORDER,
                new RecordTooLargeException("The message is 1300000 bytes when serialized"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.topic()).isEqualTo("dlq.transformer");
        assertThat(letter.value()).isEqualTo(body);
        assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("internal");
        assertThat(header(letter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("raw.xcart");
        assertThat(header(letter.headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("17");
        assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_MESSAGE))
                .startsWith("the output of processor canonical-orders-sink cannot be written to canonical.orders");
    }

    @Test
    void aSourceRecordTooLargeToCarryGivesASmallDeadLetterThatPointsAtIt() {
        ProductionExceptionHandler.Response response = handler.handleError(context(new byte[3 * 1024 * 1024]), ORDER,
                new RecordTooLargeException("too large"));

        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.value()).isNull();
        assertThat(header(letter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("raw.xcart");
        assertThat(header(letter.headers(), DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(header(letter.headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("17");
        assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_MESSAGE))
                .contains("too large for a dead letter").contains("raw.xcart partition 2 offset 17");
    }

    @Test
    void aRecordThatCannotBeSerializedBecomesAnInternalDeadLetter() {
        ProductionExceptionHandler.Response response = handler.handleSerializationError(context(new byte[1]), ORDER,
                new SerializationException("x".repeat(100_000)), SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        String message = header(response.deadLetterQueueRecords().get(0).headers(), DeadLetterHeaders.ERROR_MESSAGE);
        assertThat(message).startsWith("the output of processor canonical-orders-sink cannot be serialized");
        assertThat(message).hasSizeLessThanOrEqualTo(DeadLetterRecords.MAX_MESSAGE_CHARS);
    }

    @Test
    void aDeadLetterThatCannotBeWrittenIsSkippedNotDeadLetteredAgain() {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>("dlq.transformer", null, new byte[10]);

        ProductionExceptionHandler.Response response = handler.handleError(context(new byte[1]), letter,
                new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aTransientErrorIsRetriedAndOneNotAboutTheRecordStillFails() {
        assertThat(handler.handleError(context(new byte[1]), ORDER, new TimeoutException("slow")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(handler.handleError(context(new byte[1]), ORDER, new TopicAuthorizationException("no")).result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    private static String header(Headers headers, String name) {
        return DeadLetterHeaders.text(headers, name).orElse(null);
    }

    private static ErrorHandlerContext context(byte[] value) {
        Headers headers = new RecordHeaders();
        headers.add("event-id", "evt-1".getBytes(StandardCharsets.UTF_8));
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "raw.xcart";
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 17;
            }

            @Override
            public Headers headers() {
                return headers;
            }

            @Override
            public String processorNodeId() {
                return "canonical-orders-sink";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return "10452".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }
}
