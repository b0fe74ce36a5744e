package dev.p21bridge.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class StorePartitionTest {

    @Test
    void shouldBeThePartitionKafkasProducerGivesARecordKeyedByTheStoreName() {
        // the transformer's repartition topic risk-orders-by-store is keyed by store name and partitioned by the
        // producer's built-in partitioner: a raw record on StorePartition.of is in the task of the store's records
        // moved through it
        MockProducer<String, String> producer = new MockProducer<>(cluster("raw.xcart", 6), true, null,
                new StringSerializer(), new StringSerializer());
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

    private static Cluster cluster(String topic, int partitions) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(topic, p, node, new Node[]{node}, new Node[]{node}));
        }
        return new Cluster("test", List.of(node), infos, Set.of(), Set.of());
    }
}
