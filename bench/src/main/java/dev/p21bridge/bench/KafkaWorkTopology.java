package dev.p21bridge.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.TransformerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The transformer benchmark's second baseline: the Kafka work the transformer's events application does per new
 * order, without the transformer's own code. It reads the same raw topics, checks and records the key in a window
 * store with a changelog (as the order dedup does, same retention), and writes two records per order: a slice of the
 * raw bytes the size of a canonical order in Avro ({@value #ORDER_BYTES} bytes) to {@value #OUTPUT}, and one the size
 * of its customer ({@value #CUSTOMER_BYTES} bytes) to {@value #CUSTOMER_OUTPUT}. No JSON, mapping, validation or
 * Avro.
 *
 * <p>What this application reaches is the ceiling for any code the transformer runs in between: if even it stays
 * under the target's share of the pass-through, no speed-up of parsing, mapping or serialization can meet the target.
 *
 * <p>With {@code readsBody} it also reads each body once with Jackson's streaming parser, every token, names and
 * strings as text and numbers as {@code BigDecimal}: the least a transformer that maps JSON fields must do, with no
 * tree, mapping, validation or Avro. That is the ceiling for any transformer that reads the body at all.
 */
final class KafkaWorkTopology {

    /** Owned by the benchmark, not part of the bridge's topic catalog. */
    static final String OUTPUT = "bench.kafka-work";
    static final String CUSTOMER_OUTPUT = "bench.kafka-work-customers";
    /** About the Avro size of the benchmark's canonical orders (406-485 bytes) and of their customers. */
    static final int ORDER_BYTES = 450;
    static final int CUSTOMER_BYTES = 160;
    private static final String SEEN = "orders-seen";
    private static final JsonFactory JSON = new JsonFactory();

    private KafkaWorkTopology() {
    }

    static KafkaStreams start(TransformerConfig config, boolean readsBody) {
        Duration retention = config.orderDedupRetention();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN, retention, retention, false),
                Serdes.String(), Serdes.Long()));
        KStream<String, byte[]> orders = builder.stream(List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name()),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-storefront-events"))
                .processValues(() -> new FirstSeen(retention.toMillis(), readsBody), Named.as("dedup"), SEEN);
        orders.mapValues(value -> Arrays.copyOf(value, ORDER_BYTES), Named.as("order-value"))
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("orders-sink"));
        orders.mapValues(value -> Arrays.copyOfRange(value, ORDER_BYTES, ORDER_BYTES + CUSTOMER_BYTES),
                        Named.as("customer-value"))
                .to(CUSTOMER_OUTPUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("customers-sink"));
        Properties props = TransformerService.streamsProperties(config);
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.start();
        return streams;
    }

    /** Forwards a record whose key the store has not seen within the retention, and records the key. */
    private static final class FirstSeen implements FixedKeyProcessor<String, byte[], byte[]> {

        private final long retentionMillis;
        private final boolean readsBody;
        private FixedKeyProcessorContext<String, byte[]> context;
        private WindowStore<String, Long> seen;
        /** What the parser read, kept so the JIT cannot drop the reading. */
        private long tokens;

        FirstSeen(long retentionMillis, boolean readsBody) {
            this.retentionMillis = retentionMillis;
            this.readsBody = readsBody;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
            this.seen = context.getStateStore(SEEN);
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            if (readsBody) {
                tokens += read(record.value());
            }
            long time = record.timestamp();
            try (WindowStoreIterator<Long> earlier = seen.fetch(record.key(), time - retentionMillis,
                    time + retentionMillis)) {
                if (earlier.hasNext()) {
                    return;
                }
            }
            seen.put(record.key(), time, time);
            context.forward(record);
        }

        private static long read(byte[] body) {
            long read = 0;
            try (JsonParser parser = JSON.createParser(body)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    switch (token) {
                        case FIELD_NAME, VALUE_STRING -> read += parser.getText().length();
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> read += parser.getDecimalValue().scale();
                        default -> read++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return read;
        }

        @Override
        public void close() {
            if (tokens < 0) {
                throw new IllegalStateException("read " + tokens);
            }
        }
    }
}
