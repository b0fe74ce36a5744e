package dev.p21bridge.sandbox;

import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link BridgeSystem} (what {@code ./bridge up} runs) per integration test class: started before the class's
 * first test on the class's own broker and its own temporary data directory, with the class's own settings, and
 * closed after its last test, whether the tests passed or failed and also when the start itself failed half way
 * (whatever had started by then is closed). One broker and one bridge per class keep the classes from seeing each
 * other's records, offsets and P21 state.
 *
 * <p>The class must also register {@link KafkaBrokerExtension}, which owns the broker and stops it after this bridge
 * is closed; JUnit deletes the data directory after that:
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class SomeIntegrationTest {
 *     @RegisterExtension
 *     static final RunningBridge bridge = RunningBridge.withSettings(Map.of("BRIDGE_P21_POLL_CUSTOMERS", "1s"));
 * }
 * }</pre>
 */
final class RunningBridge implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private volatile BridgeSystem system;

    private RunningBridge(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /**
     * A bridge started with these environment settings (as {@code ./bridge up} reads them from its environment) on
     * top of its defaults; {@code Map.of()} for the defaults alone.
     */
    static RunningBridge withSettings(Map<String, String> settings) {
        return new RunningBridge(settings);
    }

    /** The class's running bridge; only between its start before the first test and its close after the last. */
    BridgeSystem system() {
        BridgeSystem running = system;
        if (running == null) {
            throw new IllegalStateException("no bridge is running: register RunningBridge on a static field with "
                    + "@RegisterExtension and use it from the class's tests");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // JUnit resolves the constructor's parameters with the class's extensions: the broker from KafkaBrokerExtension,
        // the directory from JUnit's @TempDir support; both outlive this bridge and are cleaned up after the class.
        ClassResources resources = context.getExecutableInvoker()
                .invoke(ClassResources.class.getDeclaredConstructor(Path.class, TestKafka.class));
        system = new BridgeSystem(SystemOptions.randomPorts(resources.dataDir())
                .withExternalKafka(resources.kafka().bootstrapServers()), settings);
        system.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        BridgeSystem running = system;
        system = null;
        if (running != null) {
            running.close();
        }
    }

    /** What the test class lends its bridge: a temporary data directory and the class's broker. */
    private record ClassResources(@TempDir Path dataDir, TestKafka kafka) {
    }
}
