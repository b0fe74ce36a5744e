package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.DeadLetter;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.ErrorClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' built-in dead-letter queue ({@code errors.dead.letter.queue.topic.name}, Kafka 4.2+) with the
 * contract's {@code dlq.*} headers added: a record Streams cannot deserialize becomes a {@code mapping} dead letter,
 * an unexpected exception in a processor an {@code internal} one. Either way the stream resumes, and Streams writes
 * the dead letter inside the same transaction as the offset commit, so exactly-once holds for it too.
 */
public final class ContractDeadLetterHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {

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

    ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, ErrorClass errorClass, String message) {
        log.warn("dead letter {} from {}-{}@{}: {}", errorClass.label(), context.topic(), context.partition(),
                context.offset(), message);
        Headers headers = new RecordHeaders(context.headers().toArray());
        DeadLetterHeaders.add(headers, new DeadLetter(context.topic(), context.partition(), context.offset(),
                TransformerConfig.SERVICE, errorClass, message, 1, Instant.now()));
        return new ProducerRecord<>(topic, null, context.sourceRawKey(), context.sourceRawValue(), headers);
    }
}
