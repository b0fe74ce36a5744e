package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.DeadLetter;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.ErrorClass;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A raw record the transformer gives up on, as the dead letter of docs/contract.md, section 'Retries and dead letters':
 * the original key, value and headers plus the {@code dlq.*} headers, logged with where it came from and why (never
 * with the value).
 */
final class DeadLetterRecords {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecords.class);

    private DeadLetterRecords() {
    }

    static Record<String, Normalized> rejected(ProcessorContext<?, ?> context, Record<String, byte[]> record,
                                               ErrorClass errorClass, String message) {
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        Headers headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.add(headers, new DeadLetter(origin.topic(), origin.partition(), origin.offset(),
                TransformerConfig.SERVICE, errorClass, message, 1, Instant.now()));
        log.warn("dead letter {} from {}-{}@{}: {}", errorClass.label(), origin.topic(), origin.partition(),
                origin.offset(), message);
        return record.withHeaders(headers).withValue(new Normalized.Rejected(record.value()));
    }
}
