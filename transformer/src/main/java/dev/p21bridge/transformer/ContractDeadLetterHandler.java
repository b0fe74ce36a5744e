package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.ErrorClass;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' built-in dead-letter queue ({@code errors.dead.letter.queue.topic.name}, Kafka 4.2+) with the
 * contract's {@code dlq.*} headers added: a record Streams cannot deserialize becomes a {@code mapping} dead letter,
 * an unexpected exception in a processor an {@code internal} one, and so does a record the producer cannot write
 * (too large for the request or the topic, not serializable). Either way the stream resumes, and Streams writes the
 * dead letter inside the same transaction as the offset commit, so exactly-once holds for it too.
 *
 * <p>Without a production handler Streams' default failed the stream thread on a record too large to send; the
 * replacement thread met the same record and died again, and with one thread every flow stopped. A dead letter
 * made here is bounded ({@link DeadLetterRecords}); one that still cannot be written is skipped with a log line
 * rather than dead-lettered again. Transient send errors are retried, and errors that are not about one record
 * (authorization, a fenced producer) still fail, as they must.
 */
public final class ContractDeadLetterHandler
        implements ProcessingExceptionHandler, DeserializationExceptionHandler, ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ContractDeadLetterHandler.class);

    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (configured == null) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must be set");
        }
        this.topic = configured.toString();
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, ErrorClass.INTERNAL,
                "processor " + context.processorNodeId() + " failed: " + exception)));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                               Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, ErrorClass.MAPPING,
                "record cannot be deserialized: " + exception.getMessage())));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry();
        }
        if (!(exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
                || exception instanceof InvalidRecordException)) {
            return ProductionExceptionHandler.Response.fail();
        }
        return unwritable(context, record, "cannot be written to " + record.topic() + " (" + size(record) + " bytes): "
                + exception);
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                                                                        Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        return unwritable(context, record, "cannot be serialized for " + record.topic() + " (" + origin.name()
                .toLowerCase() + "): " + exception);
    }

    private ProductionExceptionHandler.Response unwritable(ErrorHandlerContext context, ProducerRecord<?, ?> record,
                                                           String reason) {
        if (topic.equals(record.topic())) {
            // a dead letter that cannot be written is not dead-lettered again: that could go on for ever
            log.error("dead letter of {}-{}@{} skipped, it {}; the original stays on its topic", context.topic(),
                    context.partition(), context.offset(), DeadLetterRecords.cut(reason));
            return ProductionExceptionHandler.Response.resume();
        }
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, ErrorClass.INTERNAL,
                "the output of processor " + context.processorNodeId() + " " + reason)));
    }

    ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, ErrorClass errorClass, String message) {
        return DeadLetterRecords.of(topic, context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), context.headers(), errorClass, message);
    }

    private static long size(ProducerRecord<?, ?> record) {
        return (record.key() instanceof byte[] key ? key.length : 0)
                + (record.value() instanceof byte[] value ? value.length : 0);
    }
}
