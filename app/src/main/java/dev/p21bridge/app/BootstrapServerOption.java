package dev.p21bridge.app;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-server HOST:PORT}, which every command that talks to Kafka takes: it stands over
 * {@code BRIDGE_KAFKA_BOOTSTRAP}, so an operator need not export the setting for one command.
 */
final class BootstrapServerOption {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka to talk to (default: BRIDGE_KAFKA_BOOTSTRAP, else localhost:9092)")
    String bootstrapServer;

    /** The variables the option stands over: the process's, or those {@link BridgeCli#commandLine(Map)} was given. */
    Map<String, String> base = System.getenv();

    /** {@code base} with the option, when given, as its {@code BRIDGE_KAFKA_BOOTSTRAP}. */
    Map<String, String> over(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        if (bootstrapServer != null) {
            env.put(KafkaConfig.BOOTSTRAP.name(), bootstrapServer);
        }
        return env;
    }

    /** The environment (the process's, unless the command line was given one) with the option over it. */
    Environment environment() {
        return new Environment(over(base));
    }
}
