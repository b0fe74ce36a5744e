package dev.p21bridge.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Answers whether Kafka is reachable, from a cluster description no older than {@code maxAge}, so a health probe
 * every second does not turn into a metadata request every second.
 */
public final class KafkaReadiness {

    private final Admin admin;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile boolean reachable;

    public KafkaReadiness(Admin admin, Duration maxAge, Clock clock) {
        this.admin = admin;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public KafkaReadiness(Admin admin) {
        this(admin, Duration.ofSeconds(2), Clock.systemUTC());
    }

    public synchronized boolean isReachable() {
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(maxAge) < 0) {
            return reachable;
        }
        try {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            reachable = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            reachable = false;
        }
        checkedAt = now;
        return reachable;
    }
}
