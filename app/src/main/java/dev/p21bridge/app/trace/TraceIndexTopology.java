package dev.p21bridge.app.trace;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace index: every record of an order, on every topic that carries its life, by order key, and the e-mails and
 * P21 order numbers that lead to it. It keeps offsets and one-line summaries, never payloads.
 * <pre>
 *   raw.*, canonical.* (order-keyed and customers), retry.*, dlq.*    [trace-sources]
 *     -> what each record says about an order                         [trace-classify]
 *     -> by index key (order:, email:, p21:)                          [trace-index-updates, repartition]
 *     -> merged into the store                                        [trace-index-writer -> store trace-index]
 *        (once an hour: keys whose newest record is older than the retention are dropped)
 * </pre>
 * The store holds JSON {@link IndexValue}s; its changelog (compacted) brings it back after a restart without reading
 * the topics again.
 */
public final class TraceIndexTopology {

    private static final Logger log = LoggerFactory.getLogger(TraceIndexTopology.class);
    public static final String STORE = "trace-index";
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private TraceIndexTopology() {
    }

    static void build(StreamsBuilder builder, TraceClassifier classifier, Duration retention) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.String()));
        builder.stream(TraceClassifier.tracedTopics(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("trace-sources"))
                .process(() -> new Classify(classifier), Named.as("trace-classify"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName("trace-index-updates"))
                .process(() -> new Writer(retention), Named.as("trace-index-writer"), STORE);
    }

    /** Turns a record into its index updates, with the record's topic, partition and offset. */
    private static final class Classify implements Processor<String, byte[], String, String> {
        private final TraceClassifier classifier;
        private ProcessorContext<String, String> context;

        Classify(TraceClassifier classifier) {
            this.classifier = classifier;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            RecordMetadata where = context.recordMetadata().orElseThrow();
            List<IndexUpdate> updates;
            try {
                updates = classifier.classify(where.topic(), where.partition(), where.offset(), record.timestamp(),
                        record.key(), record.value(), record.headers());
            } catch (RuntimeException e) {
                // a record the index cannot read must not stop it: the order misses one line of its trace
                log.warn("trace index skipped {}-{}@{}: {}", where.topic(), where.partition(), where.offset(),
                        e.toString());
                return;
            }
            for (IndexUpdate update : updates) {
                context.forward(new Record<>(update.key(), update.value().toJson(), record.timestamp()));
            }
        }
    }

    /** Merges each update into what the store holds under its key, and prunes what outlived the retention. */
    private static final class Writer implements Processor<String, String, Void, Void> {
        private final Duration retention;
        private KeyValueStore<String, String> store;

        Writer(Duration retention) {
            this.retention = retention;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
            context.schedule(PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::prune);
        }

        @Override
        public void process(Record<String, String> record) {
            String held = store.get(record.key());
            IndexValue update = IndexValue.fromJson(record.value());
            store.put(record.key(), (held == null ? IndexValue.empty() : IndexValue.fromJson(held)).merge(update).toJson());
        }

        private void prune(long now) {
            long oldest = now - retention.toMillis();
            List<String> expired = new java.util.ArrayList<>();
            try (KeyValueIterator<String, String> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<String, String> next = all.next();
                    if (IndexValue.fromJson(next.value).lastSeen() < oldest) {
                        expired.add(next.key);
                    }
                }
            }
            expired.forEach(store::delete);
        }
    }
}
