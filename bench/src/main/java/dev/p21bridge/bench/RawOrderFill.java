package dev.p21bridge.bench;

import dev.p21bridge.ingress.RawEventWriter;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Fills {@code raw.xcart} and {@code raw.clarity} with {@code order.created} webhooks exactly as the ingress writes
 * them (docs/contract.md, section 'Topics'): body byte for byte, key = the order id, headers {@code event-type},
 * {@code event-id}, {@code source}, {@code received-at}. Orders alternate between the two storefronts; every order id
 * and event id is unique, so nothing is a duplicate and every order must reach {@code canonical.orders}.
 */
final class RawOrderFill {

    private RawOrderFill() {
    }

    /** Writes {@code count} orders and returns once Kafka acknowledged all of them. */
    static void fill(KafkaConfig kafka, int count) {
        OrderBodies.Template xcart = OrderBodies.xcart(0);
        OrderBodies.Template clarity = OrderBodies.clarity();
        try (Producer<String, byte[]> producer = new KafkaProducer<>(
                ClientProperties.durableProducer(kafka, "bench-raw-fill"))) {
            for (int i = 0; i < count; i++) {
                producer.send(newOrder(producer, i, xcart, clarity));
            }
            producer.flush();
        }
    }

    /**
     * The {@code i}th new order as the ingress writes it: every other one X-Cart's, the rest Clarity's, each on its
     * store's partition ({@link StorePartition}) with the ingress's headers.
     */
    static ProducerRecord<String, byte[]> newOrder(Producer<String, byte[]> producer, long i, OrderBodies.Template xcart,
                                                   OrderBodies.Template clarity) {
        long orderId = OrderBodies.FIRST_ORDER_ID + i;
        boolean isXCart = i % 2 == 0;
        String source = isXCart ? "xcart" : "clarity";
        String topic = (isXCart ? Topics.RAW_XCART : Topics.RAW_CLARITY).name();
        String key = isXCart ? Long.toString(orderId) : "CL-" + orderId;
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawEventWriter.EVENT_TYPE, utf8("order.created"));
        headers.add(RawEventWriter.EVENT_ID, utf8(source + "-evt-" + orderId));
        headers.add(RawEventWriter.SOURCE, utf8(source));
        headers.add(RawEventWriter.STORE, utf8(source));
        headers.add(RawEventWriter.RECEIVED_AT, utf8(Long.toString(System.currentTimeMillis())));
        byte[] body = isXCart ? xcart.render(orderId) : clarity.render(orderId);
        return new ProducerRecord<>(topic, StorePartition.of(producer, topic, source), key, body, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
