package dev.p21bridge.transformer.risk;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Order;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Tells whether an order arrived on its store's partition of the raw topic ({@link StorePartition}): then this task
 * holds the store's risk history and scores it in place. Any other order (a raw record an older ingress or another
 * producer put elsewhere) must first move to its store's task through {@code risk-orders-by-store}, whose partitions
 * are the stores' partitions among {@code partitions}.
 */
public final class StorePartitionCheck implements FixedKeyProcessor<String, Order, StorePartitionCheck.Located> {

    /** An order and where it stands; lives between two processors of one sub-topology, never serialized. */
    public record Located(Order order, boolean onStorePartition) {
    }

    private final int partitions;
    private FixedKeyProcessorContext<String, Located> context;

    /** @param partitions the partitions of the stores' repartition topic; a store's task is its partition among them */
    public StorePartitionCheck(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Located> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Order> record) {
        boolean onStorePartition = context.recordMetadata()
                .filter(StorePartitionCheck::fromStorefrontRaw)
                .map(raw -> raw.partition() == StorePartition.of(Store.nameInKey(record.key()), partitions))
                .orElse(false);
        context.forward(record.withValue(new Located(record.value(), onStorePartition)));
    }

    private static boolean fromStorefrontRaw(RecordMetadata raw) {
        return raw.topic().equals(Topics.RAW_XCART.name()) || raw.topic().equals(Topics.RAW_CLARITY.name());
    }
}
