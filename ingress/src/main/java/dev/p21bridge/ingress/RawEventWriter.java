package dev.p21bridge.ingress;

import dev.p21bridge.platform.topics.StorePartition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /**
     * The store of {@code BRIDGE_STORES} a storefront event came from; raw records of P21, and those written before
     * stores, have none (the store named as the {@code source} then).
     */
    public static final String STORE = "store";
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

    /** The headers of a storefront's raw record: {@link #headers(String, String, String, Clock)} and the store. */
    public static RecordHeaders headers(String eventType, String eventId, String source, String store, Clock clock) {
        RecordHeaders headers = headers(eventType, eventId, source, clock);
        headers.add(STORE, utf8(store));
        return headers;
    }

    /** The headers every raw record carries, whether a webhook, a store's poll or P21's poll brought it. */
    public static RecordHeaders headers(String eventType, String eventId, String source, Clock clock) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_TYPE, utf8(eventType));
        headers.add(EVENT_ID, utf8(eventId));
        headers.add(SOURCE, utf8(source));
        headers.add(RECEIVED_AT, utf8(Long.toString(clock.millis())));
        return headers;
    }

    /**
     * Waits until Kafka acknowledged every write of a poll, all within {@code timeout}, before the poll moves its
     * position: a failed write throws its cause, a late one a {@link TimeoutException} naming how many {@code what}.
     */
    public static void awaitAcknowledged(List<Future<RecordMetadata>> acks, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (TimeoutException e) {
                throw new TimeoutException("Kafka did not acknowledge " + acks.size() + " " + what + " within "
                        + timeout.toSeconds() + " s");
            }
        }
    }

    CompletableFuture<RecordMetadata> write(AcceptedWebhook webhook) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<RecordMetadata>()
                .orTimeout(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        RecordHeaders headers = headers(webhook.event().type(), webhook.eventId(), webhook.source().id(),
                webhook.store(), clock);
        try {
            // the store's own partition, so one transformer task sees all of its orders (StorePartition)
            String topic = webhook.source().topic().name();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic,
                    StorePartition.of(producer, topic, webhook.store()), webhook.key(), webhook.body(), headers);
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
