package dev.p21bridge.bench;

import dev.p21bridge.platform.topics.Topics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code canonical.orders} as a downstream reader would, and records the latency of every order whose raw
 * record was sent within the measured window.
 */
final class OrderLatencyReader implements Runnable, AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Latencies latencies;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile long from = Long.MAX_VALUE;
    private volatile long until = Long.MAX_VALUE;
    private volatile long lastArrival = System.nanoTime();
    private volatile long latestLatencyMillis = Long.MAX_VALUE;
    /** When an order first came out less than a second after it was sent, in {@link System#nanoTime()}. */
    private volatile long keptUpAt;

    /** @param capacity how many latencies it can keep */
    OrderLatencyReader(String bootstrapServers, int capacity) {
        this.latencies = new Latencies(capacity);
        this.consumer = EndOfTopicReader.open(bootstrapServers, Topics.CANONICAL_ORDERS.name(),
                new ByteArrayDeserializer(), 20);
    }

    int arrived() {
        return arrived.get();
    }

    Latencies.Summary latencies() {
        return latencies.summary();
    }

    long latestLatencyMillis() {
        return latestLatencyMillis;
    }

    long keptUpAt() {
        return keptUpAt;
    }

    void countFrom(long millis) {
        from = millis;
    }

    void countUntil(long millis) {
        until = millis;
    }

    /** Waits until no record came for a second, or the deadline: the orders of the window are all out. */
    void awaitQuiet(Duration deadline) throws InterruptedException {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < giveUp && System.nanoTime() - lastArrival < 1_000_000_000L) {
            Thread.sleep(50);
        }
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        while (running.get()) {
            var records = consumer.poll(Duration.ofMillis(50));
            long now = System.currentTimeMillis();
            if (!records.isEmpty()) {
                lastArrival = System.nanoTime();
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                latestLatencyMillis = now - record.timestamp();
                if (keptUpAt == 0 && latestLatencyMillis <= 1_000) {
                    keptUpAt = System.nanoTime();
                }
                if (record.timestamp() >= from && record.timestamp() < until) {
                    arrived.incrementAndGet();
                    latencies.record((now - record.timestamp()) * 1_000_000L);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
