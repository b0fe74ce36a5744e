package dev.p21bridge.ingress;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes accepted webhooks to their raw topic (docs/contract.md, section 'Topics'): value = the body byte for byte, key
 * = the entity id (else the event id), and the headers below. The returned future completes when Kafka acknowledged the
 * write (the producer is acks=all) and fails when it did not within the ack timeout, counted from the call, so
 * time spent waiting for metadata inside {@code send} counts too.
 */
public final class RawEventWriter {

    public static final String EVENT_TYPE = "event-type";
    public static final String EVENT_ID = "event-id";
    public static final String SOURCE = "source";
    /** Epoch millis, as a UTF-8 decimal string. */
    public static final String RECEIVED_AT = "received-at";

    private final Producer<String, byte[]> producer;
    private final long ackTimeoutMillis;
    private final Clock clock;

    RawEventWriter(Producer<String, byte[]> producer, Duration ackTimeout, Clock clock) {
        this.producer = producer;
        this.ackTimeoutMillis = ackTimeout.toMillis();
        this.clock = clock;
    }

    CompletableFuture<RecordMetadata> write(AcceptedWebhook webhook) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<RecordMetadata>()
                .orTimeout(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_TYPE, utf8(webhook.event().type()));
        headers.add(EVENT_ID, utf8(webhook.eventId()));
        headers.add(SOURCE, utf8(webhook.source().id()));
        headers.add(RECEIVED_AT, utf8(Long.toString(clock.millis())));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(webhook.source().topic().name(), null,
                webhook.key(), webhook.body(), headers);
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // a closed producer or a metadata timeout can surface here instead of in the callback
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
