package dev.p21bridge.platform.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a sink hands the {@link KeyedConsumerLoop}: its source topics with their routes.
 *
 * @param revokeWait  how long the work of a revoked partition may run on before the last commit
 * @param afterRevoke told which partitions were revoked or lost, after their finished work was committed
 */
public record SinkWiring(Map<String, Route> routes, Duration revokeWait,
                         Consumer<Collection<TopicPartition>> afterRevoke) {

    public SinkWiring {
        routes = Map.copyOf(routes);
    }

    /** Routes whose sink keeps nothing per partition beyond what the runtime does. */
    public SinkWiring(Map<String, Route> routes, Duration revokeWait) {
        this(routes, revokeWait, revoked -> { });
    }
}
