package dev.p21bridge.storefront;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.storefront.CanonicalReader.Decoded;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record of {@code canonical.inventory} or {@code canonical.products} and hands its update to the
 * {@link SkuCoalescer}. The record's offset is not finished here but by the {@link CatalogFlusher} once the update
 * that covers it is written; only a record that cannot be read is finished at once, as a dead letter.
 */
final class CatalogIntake<T> implements RecordHandler {

    private final Deserializer<CatalogUpdate> updates;
    private final String typeName;
    private final CanonicalReader reader;
    private final SkuCoalescer coalescer;

    private CatalogIntake(Deserializer<T> deserializer, String typeName, Function<T, CatalogUpdate> toUpdate,
                          CanonicalReader reader, SkuCoalescer coalescer) {
        this.updates = readingUpdates(deserializer, toUpdate);
        this.typeName = typeName;
        this.reader = reader;
        this.coalescer = coalescer;
    }

    static CatalogIntake<InventoryLevel> stock(Deserializer<InventoryLevel> levels, CanonicalReader reader,
                                               SkuCoalescer coalescer) {
        return new CatalogIntake<>(levels, "InventoryLevel", CatalogUpdate::stock, reader, coalescer);
    }

    static CatalogIntake<Product> price(Deserializer<Product> products, CanonicalReader reader,
                                        SkuCoalescer coalescer) {
        return new CatalogIntake<>(products, "Product", CatalogUpdate::price, reader, coalescer);
    }

    /** Reading and converting in one step, so a record that cannot become an update is a mapping dead letter too. */
    private static <T> Deserializer<CatalogUpdate> readingUpdates(Deserializer<T> deserializer,
                                                                  Function<T, CatalogUpdate> toUpdate) {
        return new Deserializer<>() {
            @Override
            public CatalogUpdate deserialize(String topic, byte[] data) {
                return toUpdate.apply(deserializer.deserialize(topic, data));
            }

            @Override
            public CatalogUpdate deserialize(String topic, Headers headers, byte[] data) {
                return toUpdate.apply(deserializer.deserialize(topic, headers, data));
            }
        };
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<CatalogUpdate> decoded = reader.read(record, updates, typeName, lease);
        if (decoded instanceof Decoded.Value<CatalogUpdate> value) {
            coalescer.offer(value.value(), record, lease);
        } else if (decoded instanceof Decoded.DeadLettered) {
            lease.offsets().completed(record.offset());
        }
    }
}
