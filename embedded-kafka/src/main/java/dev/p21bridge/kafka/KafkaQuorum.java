package dev.p21bridge.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of combined broker-controller nodes on this machine: its id and, per node, the client port and the
 * controller port. Every node is a voter of a static controller quorum ({@code controller.quorum.voters}), as a
 * docker-compose cluster is; a majority of the nodes must run for the cluster to elect a controller.
 *
 * <p>Written as one line ({@link #toSpec()}) so a node started as a child process gets the whole quorum as an argument.
 */
public record KafkaQuorum(String clusterId, List<Member> members) {

    /** One node: its {@code node.id}, PLAINTEXT client port and CONTROLLER port. */
    public record Member(int nodeId, int port, int controllerPort) {
    }

    public KafkaQuorum {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a quorum needs at least one node");
        }
    }

    /** {@code nodes} nodes numbered from 1, each on two ports free right now, under a new cluster id. */
    public static KafkaQuorum onFreePorts(int nodes) {
        Set<Integer> taken = new HashSet<>();
        List<Member> members = new ArrayList<>();
        for (int node = 1; node <= nodes; node++) {
            members.add(new Member(node, distinctFreePort(taken), distinctFreePort(taken)));
        }
        return new KafkaQuorum(Uuid.randomUuid().toString(), members);
    }

    private static int distinctFreePort(Set<Integer> taken) {
        int port = BrokerPorts.freePort();
        while (!taken.add(port)) {
            port = BrokerPorts.freePort();
        }
        return port;
    }

    public Member member(int nodeId) {
        return members.stream().filter(m -> m.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + nodeId + " is not in the quorum " + toSpec()));
    }

    /** {@code localhost:<port>,...} of every node, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return members.stream().map(m -> "localhost:" + m.port()).collect(Collectors.joining(","));
    }

    /** {@code controller.quorum.voters}: {@code 1@localhost:<controller port>,...}. */
    String voters() {
        return members.stream().map(m -> m.nodeId() + "@localhost:" + m.controllerPort())
                .collect(Collectors.joining(","));
    }

    /** Replicas of every topic and internal topic: three, or fewer on a smaller cluster. */
    int replicationFactor() {
        return Math.min(3, members.size());
    }

    /** One replica fewer than {@link #replicationFactor()}: a cluster keeps accepting writes with one node down. */
    int minInsyncReplicas() {
        return Math.max(1, replicationFactor() - 1);
    }

    /** {@code <cluster id>/<node>:<port>:<controller port>,...}, read back by {@link #parse}. */
    public String toSpec() {
        return clusterId + "/" + members.stream().map(m -> m.nodeId() + ":" + m.port() + ":" + m.controllerPort())
                .collect(Collectors.joining(","));
    }

    public static KafkaQuorum parse(String spec) {
        int slash = spec.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("a quorum is <cluster id>/<node>:<port>:<controller port>,..., not " + spec);
        }
        List<Member> members = new ArrayList<>();
        for (String member : spec.substring(slash + 1).split(",")) {
            String[] parts = member.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("a quorum member is <node>:<port>:<controller port>, not " + member);
            }
            members.add(new Member(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        }
        return new KafkaQuorum(spec.substring(0, slash), members);
    }
}
