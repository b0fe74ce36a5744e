package dev.p21bridge.testing;

/** A Kafka cluster someone else runs ({@code BRIDGE_TEST_BOOTSTRAP}); the extension never stops it. */
record ExternalKafka(String bootstrapServers) implements TestKafka {

    @Override
    public String toString() {
        return "external Kafka at " + bootstrapServers;
    }
}
