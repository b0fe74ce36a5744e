package dev.p21bridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link MockProducer} whose metadata knows the storefront raw topics with their 6 partitions, as the ingress
 * creates them: the ingress asks for a topic's partitions to place a store's records on the store's own partition.
 */
public final class RawTopicsProducer {

    /** Partitions of {@code raw.xcart} and {@code raw.clarity}, as {@code Topics} declares them. */
    public static final int PARTITIONS = 6;

    private RawTopicsProducer() {
    }

    public static MockProducer<String, byte[]> create(boolean autoComplete) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (String topic : List.of("raw.xcart", "raw.clarity")) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new PartitionInfo(topic, p, node, new Node[]{node}, new Node[]{node}));
            }
        }
        Cluster cluster = new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
        return new MockProducer<>(cluster, autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }
}
