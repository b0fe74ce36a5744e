package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import dev.p21bridge.platform.topics.TopicInitializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.TopologyException;
import org.junit.jupiter.api.Test;

/**
 * The commit intervals of the two Streams applications, which set how soon an order or a level is visible, and the
 * topology-level settings their builders are given.
 */
class StreamsPropertiesTest {

    @Test
    void shouldCommitTheEventsApplicationEvery50msWithExactlyOnce() {
        Properties events = TransformerService.streamsProperties(config(Map.of()));

        assertThat(events).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50L);
        assertThat(new StreamsConfig(events).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(50L);
    }

    @Test
    void shouldLeaveTheIntervalToStreamsWithAtLeastOnce() {
        Properties events = TransformerService.streamsProperties(
                config(Map.of("BRIDGE_TRANSFORMER_PROCESSING_GUARANTEE", "at_least_once")));

        assertThat(events).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        assertThat(new StreamsConfig(events).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(30_000L);
    }

    @Test
    void shouldLetTheOperatorsClientSettingWinForTheEventsApplication() {
        Properties events = TransformerService.streamsProperties(
                config(Map.of("BRIDGE_KAFKA_COMMIT_INTERVAL_MS", "200")));

        assertThat(new StreamsConfig(events).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(200L);
    }

    @Test
    void shouldCommitTheInventoryApplicationEverySecondWhateverTheEventsApplicationDoes() {
        TransformerConfig config = config(Map.of("BRIDGE_KAFKA_COMMIT_INTERVAL_MS", "200"));

        Properties inventory = TransformerService.inventoryStreamsProperties(
                config.withApplicationId(config.inventoryApplicationId()));

        assertThat(new StreamsConfig(inventory).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1_000L);
    }

    /**
     * A generated store or topic name changes when a processor is added before it, and an upgrade then starts the
     * store empty or leaves records behind in the old topic; the transformer's builder refuses one at build time.
     */
    @Test
    void shouldRefuseAGeneratedInternalNameWhenTheTopologyIsBuilt() {
        Properties events = TransformerService.streamsProperties(config(Map.of()));
        StreamsBuilder builder = TransformerService.streamsBuilder(events);
        builder.stream("raw.xcart").groupByKey().count();

        assertThatThrownBy(() -> builder.build(events))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("state store(s) has not been named");
    }

    @Test
    void shouldBuildBothApplicationsWithEveryInternalNameGiven() {
        TransformerConfig config = config(Map.of());
        CanonicalSerdes serdes = CanonicalSerdes.confluent(new SchemaRegistryClient("http://localhost:8081"));

        assertThat(TransformerService.eventsTopology(config, serdes).describe().subtopologies()).isNotEmpty();
        assertThat(TransformerService.inventoryTopology(config, serdes).describe().subtopologies()).isNotEmpty();
    }

    /** Kafka's partition assignor reads the flag from the main consumer's settings and warns when they lack it. */
    @Test
    void shouldGiveTheMainConsumerTheGlobalThreadHandlerFlag() {
        StreamsConfig events = new StreamsConfig(TransformerService.streamsProperties(config(Map.of())));

        assertThat(events.getMainConsumerConfigs("group", "client", 0))
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    }

    /**
     * Kafka's default request limit (1 MiB) is below what the raw and dead-letter topics take, so a dead letter of a
     * large raw record failed to send; the limit now matches those topics' {@code max.message.bytes}.
     */
    @Test
    void shouldLetTheProducerSendWhatTheRawAndDeadLetterTopicsTake() {
        StreamsConfig events = new StreamsConfig(TransformerService.streamsProperties(config(Map.of())));

        assertThat(events.getProducerConfigs("client")).containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                TopicInitializer.RAW_RECORD_LIMIT);
        assertThat(DeadLetterRecords.MAX_BYTES).isLessThan(TopicInitializer.RAW_RECORD_LIMIT);
    }

    /** Without a production handler, Streams' default fails the stream thread on a record too large to send. */
    @Test
    void shouldHandleProductionErrorsWithTheContractHandler() {
        StreamsConfig events = new StreamsConfig(TransformerService.streamsProperties(config(Map.of())));

        assertThat(events.getClass(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(ContractDeadLetterHandler.class);
    }

    @Test
    void shouldSendGzipAsTheBrokerStoresTheCanonicalTopicsUnlessTheOperatorSaysOtherwise() {
        StreamsConfig events = new StreamsConfig(TransformerService.streamsProperties(config(Map.of())));
        StreamsConfig inventory = new StreamsConfig(TransformerService.inventoryStreamsProperties(config(Map.of())));
        StreamsConfig operators = new StreamsConfig(TransformerService.streamsProperties(
                config(Map.of("BRIDGE_KAFKA_COMPRESSION_TYPE", "lz4"))));

        assertThat(events.getProducerConfigs("p")).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        assertThat(inventory.getProducerConfigs("p")).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        assertThat(operators.getProducerConfigs("p")).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    private static TransformerConfig config(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("BRIDGE_KAFKA_BOOTSTRAP", "localhost:9092");
        return TransformerConfig.from(new Environment(env));
    }
}
