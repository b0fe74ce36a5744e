package dev.p21bridge.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Waits until a broker answers a metadata request with at least one live broker, which is what a client needs
 * before it can create topics or produce.
 */
final class BrokerReadiness {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String bootstrapServers;

    BrokerReadiness(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** @throws IllegalStateException when no answer arrives within {@code deadline} */
    void await(Duration deadline) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        Exception last = null;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < giveUpAt) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ATTEMPT_TIMEOUT.toMillis()))
                            .nodes().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                    Thread.sleep(POLL_INTERVAL.toMillis());
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka on " + bootstrapServers, e);
                }
            }
        }
        throw new IllegalStateException("Kafka on " + bootstrapServers + " did not answer a metadata request within "
                + deadline.toSeconds() + " s", last);
    }
}
