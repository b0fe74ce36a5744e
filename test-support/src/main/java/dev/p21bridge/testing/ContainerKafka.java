package dev.p21bridge.testing;

import org.testcontainers.kafka.KafkaContainer;

/** An {@code apache/kafka} container started by Testcontainers; removed when the test class is done. */
final class ContainerKafka implements TestKafka, AutoCloseable {

    static final String IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "Testcontainers Kafka (" + IMAGE + ") at " + bootstrapServers();
    }
}
