package dev.p21bridge.sandbox;

import dev.p21bridge.platform.http.ListenAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * {@code ./bridge up}: the whole system in the foreground on the embedded defaults. Ctrl-C or SIGTERM stops it in
 * order (storefronts first, Kafka last) and the process exits 0, so a supervisor sees a clean stop.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka, the schema registry, the simulators and the services in the foreground.")
final class UpCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--data-dir", description = "where topics, offsets and simulator state live (default ${DEFAULT-VALUE})")
    Path dataDir = Path.of(".bridge", "data");

    @Option(names = "--fresh", description = "delete the data directory first and start empty")
    boolean fresh;

    @Option(names = "--demo", description = "the storefront simulators place a steady trickle of orders, "
            + "and a share of them is shipped, invoiced and returned")
    boolean demo;

    @Option(names = "--p21-url", description = "write to this P21 (base URL) instead of starting the P21 simulator; "
            + "credentials from BRIDGE_P21_USERNAME and BRIDGE_P21_PASSWORD")
    String p21Url;

    @Option(names = "--listen", paramLabel = "ADDRESS", converter = ListenAddressConverter.class,
            description = "address every server binds (default ${DEFAULT-VALUE}: this machine only); 0.0.0.0 opens "
                    + "them all to the network, and the registry then asks other machines for the admin token")
    ListenAddress listen = ListenAddress.LOOPBACK;

    @Option(names = "--kafka-port", description = "default ${DEFAULT-VALUE}")
    int kafkaPort = 9092;
    @Option(names = "--registry-port", description = "default ${DEFAULT-VALUE}")
    int registryPort = 8081;
    @Option(names = "--ingress-port", description = "default ${DEFAULT-VALUE}")
    int ingressPort = 8080;
    @Option(names = "--console-port", description = "default ${DEFAULT-VALUE}")
    int consolePort = 8090;
    @Option(names = "--p21-port", description = "default ${DEFAULT-VALUE}")
    int p21Port = 8091;
    @Option(names = "--xcart-port", description = "default ${DEFAULT-VALUE}")
    int xcartPort = 8092;
    @Option(names = "--clarity-port", description = "default ${DEFAULT-VALUE}")
    int clarityPort = 8093;

    @Option(names = "--sim-orders-kept", paramLabel = "N", description = "orders each simulator keeps before it "
            + "forgets the oldest, so a long run stays within its memory (default ${DEFAULT-VALUE})")
    int simulatorOrdersKept = SystemOptions.DEFAULT_SIMULATOR_ORDERS_KEPT;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (simulatorOrdersKept < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--sim-orders-kept must be at least 1, got " + simulatorOrdersKept);
        }
        if (fresh) {
            deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        SystemOptions options = new SystemOptions(dataDir.toAbsolutePath(), listen, kafkaPort, registryPort, ingressPort,
                consolePort, p21Port, xcartPort, clarityPort, demo, null, p21Url, simulatorOrdersKept);
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        try (BridgeSystem system = new BridgeSystem(options, System.getenv())) {
            system.start();
            System.out.println(system.describe());
            System.out.flush();
            stop.await();
            System.out.println("bridge: stopping ...");
            System.out.flush();
        }
        System.out.println("bridge: stopped");
        System.out.flush();
        return 0;
    }

    /** Turns {@code --listen}'s text into an address, or a one-line usage error naming it. */
    static final class ListenAddressConverter implements CommandLine.ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
