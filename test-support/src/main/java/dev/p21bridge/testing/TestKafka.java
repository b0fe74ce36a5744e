package dev.p21bridge.testing;

/**
 * The Kafka broker an integration test class runs against, handed out by {@link KafkaBrokerExtension}: an external
 * cluster, a Testcontainers broker or an in-JVM broker. The extension owns it and stops it after the test class.
 */
public interface TestKafka {

    /** The {@code bootstrap.servers} value for clients of this broker. */
    String bootstrapServers();
}
