package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.topics.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code Error} of one record, with the transformer's own Streams properties: Kafka Streams' handler sees only
 * exceptions, so without {@link ContainedProcessor} the {@code Error} ends the stream thread (here: the driver throws).
 */
class ContainedProcessorTest {

    @TempDir
    Path stateDir;

    @Test
    void aStackOverflowOnOneRecordBecomesAnInternalDeadLetterAndTheNextRecordIsProcessed() {
        checkContained(new StackOverflowError());
    }

    @Test
    void anOutOfMemoryErrorOfOneGiantAllocationBecomesAnInternalDeadLetterAndTheNextRecordIsProcessed() {
        checkContained(new OutOfMemoryError("Requested array size exceeds VM limit"));
    }

    private void checkContained(Error error) {
        Map<String, String> env = new HashMap<>();
        env.put("BRIDGE_TRANSFORMER_STATE_DIR", stateDir.toString());
        Properties properties = TransformerService.streamsProperties(TransformerConfig.from(new Environment(env)));
        StreamsBuilder builder = TransformerService.streamsBuilder(properties);
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in-source"))
                .process(() -> new ContainedProcessor<>(new Failing(error)), Named.as("failing"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out-sink"));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(properties), properties)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                    Serdes.String().deserializer());
            TestOutputTopic<String, String> deadLetters = driver.createOutputTopic(Topics.DLQ_TRANSFORMER.name(),
                    Serdes.String().deserializer(), Serdes.String().deserializer());

            in.pipeInput("k1", "hostile");
            in.pipeInput("k2", "normal");

            List<TestRecord<String, String>> letters = deadLetters.readRecordsToList();
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).value()).isEqualTo("hostile");
            assertThat(DeadLetterHeaders.text(letters.get(0).headers(), DeadLetterHeaders.ERROR_CLASS)).contains("internal");
            assertThat(DeadLetterHeaders.text(letters.get(0).headers(), DeadLetterHeaders.ERROR_MESSAGE).orElseThrow())
                    .contains(error.getClass().getSimpleName());
            assertThat(out.readValuesToList()).containsExactly("normal");
        }
    }

    private static final class Failing implements Processor<String, String, String, String> {

        private final Error error;
        private ProcessorContext<String, String> context;

        Failing(Error error) {
            this.error = error;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.value().equals("hostile")) {
                throw error;
            }
            context.forward(record);
        }
    }
}
