package dev.p21bridge.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.testing.RawTopicsProducer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class StorePartitionTest {

    @Test
    void shouldBeThePartitionKafkasProducerGivesARecordKeyedByTheStoreName() {
        // the transformer's repartition topic risk-orders-by-store is keyed by store name and partitioned by the
        // producer's built-in partitioner: a raw record on StorePartition.of is in the task of the store's records
        // moved through it
        MockProducer<String, byte[]> producer = RawTopicsProducer.create(true);
        for (String store : List.of("xcart", "clarity", "ca", "eu", "wholesale", "b2b")) {
            int byProducer = BuiltInPartitioner.partitionForKey(store.getBytes(StandardCharsets.UTF_8), 6);

            assertThat(StorePartition.of(store, 6)).as(store).isEqualTo(byProducer);
            assertThat(StorePartition.of(producer, "raw.xcart", store)).as(store).isEqualTo(byProducer);
        }
    }

    @Test
    void shouldRefuseATopicWithoutPartitions() {
        assertThatThrownBy(() -> StorePartition.of("xcart", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one partition");
    }
}
