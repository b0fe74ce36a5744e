package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The life cycle both sinks share. {@link #start} creates missing topics, opens the durable producer and the
 * retry-backlog reader, lets the {@link Sink} wire its handlers on the {@link SinkContext}, and starts the
 * {@link KeyedConsumerLoop} (consumer group {@code <service>}); it returns once the loop runs, and a failure on the
 * way releases what was opened and throws. {@link #close} stops the loop (running work finishes, bounded, and what is
 * done is committed), then closes the sink's resources and the Kafka clients.
 */
public final class SinkRuntime implements AutoCloseable {

    private final SinkSettings settings;
    private final KafkaConfig kafka;
    private final MeterRegistry metrics;
    private final Clock clock;
    private Producer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> scanner;
    private SinkContext context;
    private volatile KeyedConsumerLoop loop;

    public SinkRuntime(SinkSettings settings, KafkaConfig kafka, MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.metrics = metrics;
        this.clock = clock;
    }

    public synchronized void start(Sink sink) {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        try {
            startUp(sink);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startUp(Sink sink) {
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            TopicInitializer topics = new TopicInitializer(admin, kafka);
            topics.createMissing(Topics.all(), Duration.ofSeconds(30));
            sink.checkTopics(topics);
        }
        String service = settings.service();
        String instance = service + "-" + UUID.randomUUID().toString().substring(0, 8);
        producer = new KafkaProducer<>(ClientProperties.durableProducer(kafka, instance));
        scanner = new KafkaConsumer<>(ClientProperties.backlogReader(kafka, service, instance + "-backlog"));
        context = new SinkContext(settings, producer, new RetryBacklog(scanner), metrics, clock);
        SinkWiring wiring = sink.wire(context);
        loop = new KeyedConsumerLoop(
                new KafkaConsumer<>(ClientProperties.retryAwareConsumer(kafka, service, instance)), context, wiring);
        loop.start();
    }

    /** True while the poll loop runs; the ops console reports it as the service's readiness. */
    public boolean isRunning() {
        KeyedConsumerLoop current = loop;
        return current != null && current.isRunning();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
        if (context != null) {
            context.closeResources();
            context = null;
        }
        if (scanner != null) {
            scanner.close(Duration.ofSeconds(5));
            scanner = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
