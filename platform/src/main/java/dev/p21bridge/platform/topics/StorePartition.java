package dev.p21bridge.platform.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of {@code raw.xcart} or {@code raw.clarity} that carries all of one store's records: where Kafka's
 * default partitioner puts a record keyed by the store's name. The record key stays the contract's (the order id);
 * only the partition is chosen. One transformer task then sees every order of a store in order, so the risk
 * scoring's velocity and history count across the store's orders right where they are normalized, without moving
 * each order through a repartition topic first (docs/risk.md, 'Where the scoring runs').
 *
 * <p>A record that arrives elsewhere (written by an older ingress, or by a producer of the operator's own that keeps
 * the default partitioner) is still scored correctly: the transformer moves it to its store's task through
 * {@code risk-orders-by-store}, whose partitions are chosen the same way.
 */
public final class StorePartition {

    private StorePartition() {
    }

    /** The store's partition among {@code partitions}: murmur2 of the name's UTF-8 bytes, as Kafka's partitioner. */
    public static int of(String store, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(store.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The store's partition of {@code topic}, by the producer's metadata (cached after its first look-up). */
    public static int of(Producer<?, ?> producer, String topic, String store) {
        return of(store, producer.partitionsFor(topic).size());
    }
}
