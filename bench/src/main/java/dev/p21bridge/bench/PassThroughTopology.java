package dev.p21bridge.bench;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.TransformerService;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The transformer benchmark's baseline: a Kafka Streams application that copies the raw storefront topics, bytes
 * and headers untouched, to {@value #OUTPUT}. It runs with the transformer's own Streams settings (processing
 * guarantee, threads, compression, state dir), so the difference to the transformer is only the work the
 * transformer does: dedup stores, JSON parsing, mapping, validation, Avro and the customer output.
 */
final class PassThroughTopology {

    /** Owned by the benchmark, not part of the bridge's topic catalog. */
    static final String OUTPUT = "bench.passthrough";

    private PassThroughTopology() {
    }

    static KafkaStreams start(TransformerConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name()),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-storefront-events"))
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("passthrough-sink"));
        Properties props = TransformerService.streamsProperties(config);
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.start();
        return streams;
    }
}
