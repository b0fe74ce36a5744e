package dev.p21bridge.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One node of a {@link KafkaQuorum} as a process of its own, for {@link LocalKafkaCluster}: a node that is killed
 * takes nothing else down with it, as a broker machine would not. Prints {@link #READY} and its node id once it
 * serves clients; SIGTERM shuts it down in order (bounded), SIGKILL is a crash.
 *
 * <p>Arguments: {@code <data dir> <node id> <quorum spec>} ({@link KafkaQuorum#toSpec()}).
 */
public final class KafkaClusterNode {

    static final String READY = "kafka node ready: ";

    private KafkaClusterNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KafkaClusterNode <data dir> <node id> <quorum spec>");
            System.exit(2);
        }
        int nodeId = Integer.parseInt(args[1]);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(Path.of(args[0]))
                .quorumMember(KafkaQuorum.parse(args[2]), nodeId).build();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-node-shutdown"));
        try {
            broker.start();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println(READY + nodeId);
        new CountDownLatch(1).await();
    }
}
