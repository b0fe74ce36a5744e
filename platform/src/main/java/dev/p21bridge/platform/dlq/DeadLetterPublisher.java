package dev.p21bridge.platform.dlq;

import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a failed record to its service's dead-letter topic with its key, value and headers intact plus the
 * contract's {@code dlq.*} headers. The caller commits the source offset only after the returned future completes,
 * so a dead letter is never lost between the two.
 */
public final class DeadLetterPublisher {

    private final Producer<String, byte[]> producer;
    private final String service;
    private final Topic<byte[]> topic;

    public DeadLetterPublisher(Producer<String, byte[]> producer, String service) {
        this.producer = producer;
        this.service = service;
        this.topic = Topics.deadLetters(service);
    }

    public Future<RecordMetadata> publish(ConsumerRecord<String, byte[]> failed, ErrorClass errorClass, String message,
                                          int attempts, java.time.Instant failedAt) {
        RecordHeaders headers = new RecordHeaders(failed.headers().toArray());
        DeadLetterHeaders.add(headers, new DeadLetter(failed.topic(), failed.partition(), failed.offset(), service,
                errorClass, message, attempts, failedAt));
        return producer.send(new ProducerRecord<>(topic.name(), null, failed.key(), failed.value(), headers));
    }

    public String topic() {
        return topic.name();
    }
}
