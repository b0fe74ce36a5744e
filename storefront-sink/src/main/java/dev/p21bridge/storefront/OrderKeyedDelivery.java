package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.SinkContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A delivery of a record keyed {@code <store>:<order id>} to the one storefront its key names (an order status, an
 * invoice): decoded (a value that cannot be read is the reader's dead letter), the store found by the key's prefix (a
 * key naming no store of {@code BRIDGE_STORES} is a {@code validation} dead letter), then {@link #deliver} with the
 * store. A due retry waits
 * only while that store's circuit refuses calls.
 *
 * @param <V> the canonical record
 * @param <T> what the sink calls in each store for it
 */
public abstract class OrderKeyedDelivery<V, T> implements Delivery {

    protected final StorefrontCalls calls;
    protected final SinkContext context;
    private final Deserializer<V> values;
    private final String typeName;
    private final Map<Storefront, T> targets;
    private final Storefronts stores;

    protected OrderKeyedDelivery(Deserializer<V> values, String typeName, Map<Storefront, T> targets,
                                 StorefrontCalls calls, SinkContext context) {
        this.values = values;
        this.typeName = typeName;
        this.targets = Map.copyOf(targets);
        this.stores = new Storefronts(targets.keySet());
        this.calls = calls;
        this.context = context;
    }

    /** Delivers {@code value} to {@code target}, the store named by its order key ({@code storefront}). */
    protected abstract Attempt deliver(ConsumerRecord<String, byte[]> record, PartitionLease lease, V value,
                                       Storefront storefront, T target);

    /** The order key the record carries, for the dead letter of a key naming no store. */
    protected abstract String orderKeyOf(V value);

    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        Set<Storefront> wanted = stores.ofOrderKey(record.key()).map(Set::of)
                .orElseGet(() -> Set.copyOf(stores.all()));
        return calls.circuits().anyPermitsCalls(wanted);
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<V> decoded = context.reader().read(record, values, typeName, lease);
        if (!(decoded instanceof Decoded.Value<V> value)) {
            return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
        }
        String orderKey = orderKeyOf(value.value());
        Storefront storefront = stores.ofOrderKey(orderKey).orElse(null);
        if (storefront == null) {
            return deadLetter(record, lease, ErrorClass.VALIDATION, stores.unknownOrderKey(orderKey));
        }
        return deliver(record, lease, value.value(), storefront, targets.get(storefront));
    }

    /** The targets by the store each writes to. */
    protected static <T> Map<Storefront, T> byStore(List<T> targets, Function<T, Storefront> storeOf) {
        Map<Storefront, T> byStore = new LinkedHashMap<>();
        targets.forEach(target -> byStore.put(storeOf.apply(target), target));
        return byStore;
    }

    /** A dead letter of one delivery attempt; done once it is durable. */
    protected Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                                 String message) {
        return context.deadLetters().publish(record, lease, errorClass, message, 1)
                ? new Attempt.Done() : new Attempt.Revoked();
    }
}
