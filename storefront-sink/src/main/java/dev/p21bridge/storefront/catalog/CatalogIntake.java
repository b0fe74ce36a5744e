package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.RetryState.Origin;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.RecordHandler;
import dev.p21bridge.platform.sink.RetryStep;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.storefront.PathSegment;
import dev.p21bridge.storefront.RefusedValue;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCircuits;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record of {@code canonical.inventory} or {@code canonical.products}, or one of theirs back from a retry
 * topic, and hands its update to the {@link SkuCoalescer}. The record's offset is not finished here but by the
 * {@link CatalogFlusher} once the update that covers it is written (or moved on to retry); only a record that cannot
 * be read is finished at once, as a dead letter, and a retry record whose level was superseded meanwhile
 * ({@link NewestChanges}) is finished at once, dropped. Metric: {@code storefront.retry.superseded{kind}}.
 */
public final class CatalogIntake<T> implements RecordHandler {

    private final Deserializer<CatalogUpdate> updates;
    private final String typeName;
    private final SinkContext sink;
    private final RetryRouter router;
    private final SkuCoalescer coalescer;
    private final NewestChanges newest;
    private final Set<Storefront> targets;
    private final StorefrontCircuits circuits;

    private final boolean resync;

    private CatalogIntake(Deserializer<T> deserializer, String typeName, Function<T, CatalogUpdate> toUpdate,
                          Context context, boolean resync) {
        this.resync = resync;
        this.updates = readingUpdates(deserializer, toUpdate);
        this.typeName = typeName;
        this.sink = context.sink();
        this.router = context.sink().router();
        this.coalescer = context.coalescer();
        this.newest = context.newest();
        this.targets = Set.copyOf(context.targets());
        this.circuits = context.circuits();
    }

    /** What the stock and price intakes share; {@code targets} are the catalogue storefronts. */
    public record Context(SinkContext sink, SkuCoalescer coalescer, NewestChanges newest, Set<Storefront> targets,
                   StorefrontCircuits circuits) {
    }

    public static CatalogIntake<InventoryLevel> stock(Deserializer<InventoryLevel> levels, Context context) {
        return new CatalogIntake<>(levels, "InventoryLevel", CatalogUpdate::stock, context, false);
    }

    /**
     * Levels of {@code bridge.resync.stock}: the current level of a SKU, copied from canonical.inventory, to write
     * again to the storefronts its headers name ({@link StockResyncHeaders}). It joins the live levels of the SKU in
     * the {@link SkuCoalescer}, so one SKU is still written by one flush at a time and never older over newer.
     */
    public static CatalogIntake<InventoryLevel> resync(Deserializer<InventoryLevel> levels, Context context) {
        return new CatalogIntake<>(levels, "InventoryLevel", CatalogUpdate::stock, context, true);
    }

    public static CatalogIntake<Product> price(Deserializer<Product> products, Context context) {
        return new CatalogIntake<>(products, "Product", CatalogUpdate::price, context, false);
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
        handleRetry(record, lease);
    }

    /** Hands the update on; the retry partition's next record may go at once, the offset finishes at the flush. */
    @Override
    public RetryStep handleRetry(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<CatalogUpdate> decoded = sink.reader().read(record, updates, typeName, lease);
        if (decoded instanceof Decoded.Abandoned) {
            return RetryStep.REVOKED;
        }
        if (decoded instanceof Decoded.Value<CatalogUpdate> value) {
            CatalogUpdate update = value.value();
            try {
                PathSegment.of("SKU", update.sku() == null ? null : update.sku().strip());
            } catch (RefusedValue e) {
                if (!sink.deadLetters().publish(record, lease, ErrorClass.VALIDATION, "the " + update.kind().label()
                        + " was not written: " + e.getMessage(), 1)) {
                    return RetryStep.REVOKED;
                }
                lease.offsets().completed(record.offset());
                return RetryStep.DONE;
            }
            long origin = originOffset(router, record);
            // a resync is never dropped so: it writes the newest level taken in instead (below)
            if (!resync && router.levelOf(record.topic()) > 0 && newest.isSuperseded(update, origin)) {
                sink.metrics().counter("storefront.retry.superseded", "kind", update.kind().label()).increment();
                lease.offsets().completed(record.offset());
                return RetryStep.DONE;
            }
            if (resync) {
                Optional<NewestChanges.Taken> newer = newest.newerThan(update, origin);
                if (newer.isPresent()) {
                    // the live flow took in a newer level since the resync read the log: that one is current
                    update = newer.get().update();
                    origin = newer.get().originOffset();
                    record = StockResyncHeaders.withOriginOffset(record, origin);
                }
            }
            newest.saw(update, origin);
            coalescer.offer(update, resync ? StockResyncHeaders.storefronts(record.headers(), targets) : Set.of(),
                    record, lease);
        } else {
            lease.offsets().completed(record.offset());
        }
        return RetryStep.DONE;
    }

    /**
     * The offset that orders the record's update against others of its SKU: its place in its source topic, and for a
     * resync record the place its level has in canonical.inventory.
     */
    static long originOffset(RetryRouter router, ConsumerRecord<String, byte[]> record) {
        Origin origin = router.stateOf(record).origin();
        return origin.topic().equals(Topics.RESYNC_STOCK.name())
                ? StockResyncHeaders.originOffset(record.headers(), origin.offset()) : origin.offset();
    }

    /** Whether any catalogue storefront takes calls. */
    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        return circuits.anyPermitsCalls(targets);
    }
}
