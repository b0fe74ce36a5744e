package dev.p21bridge.sandbox;

import dev.p21bridge.platform.http.ListenAddress;
import java.nio.file.Path;

/**
 * Where {@code ./bridge up} puts everything: the address every server binds (loopback unless {@code --listen}), the
 * ports of docs/contract.md, section 'Ports' (each changeable by an option) and the data directory, under which the
 * broker, the stream state and the simulators keep what survives a restart.
 */
public record SystemOptions(Path dataDir, ListenAddress listen, int kafkaPort, int registryPort, int ingressPort,
                            int consolePort, int p21Port, int xcartPort, int clarityPort, boolean demo,
                            String externalKafka, String externalP21, int simulatorOrdersKept) {

    /** How many orders each simulator keeps by default before it forgets the oldest (docs/simulators.md). */
    public static final int DEFAULT_SIMULATOR_ORDERS_KEPT = 20_000;

    public SystemOptions {
        if (simulatorOrdersKept < 1) {
            throw new IllegalArgumentException("--sim-orders-kept must be at least 1, got " + simulatorOrdersKept);
        }
    }

    public static SystemOptions defaults(Path dataDir) {
        return new SystemOptions(dataDir, ListenAddress.LOOPBACK, 9092, 8081, 8080, 8090, 8091, 8092, 8093, false,
                null, null, DEFAULT_SIMULATOR_ORDERS_KEPT);
    }

    /** Every port 0 (the OS picks), for tests that run the whole system beside other tests. */
    public static SystemOptions randomPorts(Path dataDir) {
        return new SystemOptions(dataDir, ListenAddress.LOOPBACK, 0, 0, 0, 0, 0, 0, 0, false, null, null,
                DEFAULT_SIMULATOR_ORDERS_KEPT);
    }

    /** The same system on a Kafka that already runs (a test's broker, a laptop's container) instead of its own. */
    public SystemOptions withExternalKafka(String bootstrapServers) {
        return new SystemOptions(dataDir, listen, kafkaPort, registryPort, ingressPort, consolePort, p21Port, xcartPort,
                clarityPort, demo, bootstrapServers, externalP21, simulatorOrdersKept);
    }

    /** The same system writing to a P21 that already runs (a real one, or a simulator outside this process). */
    public SystemOptions withExternalP21(String baseUrl) {
        return new SystemOptions(dataDir, listen, kafkaPort, registryPort, ingressPort, consolePort, p21Port, xcartPort,
                clarityPort, demo, externalKafka, baseUrl, simulatorOrdersKept);
    }

    /** The same system with simulators that keep at most {@code orders} orders each. */
    public SystemOptions withSimulatorOrdersKept(int orders) {
        return new SystemOptions(dataDir, listen, kafkaPort, registryPort, ingressPort, consolePort, p21Port, xcartPort,
                clarityPort, demo, externalKafka, externalP21, orders);
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path streamsDir() {
        return dataDir.resolve("streams");
    }

    public Path simulatorsDir() {
        return dataDir.resolve("simulators");
    }
}
