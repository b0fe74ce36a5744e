package dev.p21bridge.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When each key first became visible on a topic to a {@code read_committed} reader, in {@link System#nanoTime()}:
 * splits an end-to-end latency at that topic, so a slow result names its half (webhook to
 * {@code canonical.orders}: ingress and transformer; from there to P21: the p21-sink and P21).
 */
final class TopicArrivals implements AutoCloseable {

    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    private TopicArrivals(KafkaConsumer<String, byte[]> consumer) {
        this.reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        firstSeen.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        }, "bench-arrivals");
        reader.setDaemon(true);
    }

    /** Starts reading {@code topic} from its current end. */
    static TopicArrivals fromEndOf(String bootstrapServers, String topic) {
        TopicArrivals arrivals = new TopicArrivals(
                EndOfTopicReader.open(bootstrapServers, topic, new StringDeserializer(), 10));
        arrivals.reader.start();
        return arrivals;
    }

    /** {@link System#nanoTime()} when {@code key} was first read, or null if it was not. */
    Long firstSeen(String key) {
        return firstSeen.get(key);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
