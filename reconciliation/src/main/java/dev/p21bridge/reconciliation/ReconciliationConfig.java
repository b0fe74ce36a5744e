package dev.p21bridge.reconciliation;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import java.nio.file.Path;

/**
 * The reconciliation's settings, validated at start. It reaches Kafka and the registry as every service does
 * ({@link KafkaConfig}); it runs inside the transformer's process ({@code ./bridge run transformer}) unless switched
 * off.
 */
public record ReconciliationConfig(KafkaConfig kafka, boolean enabled, String applicationId, Path stateDir) {

    public static final Setting<Boolean> ENABLED = new Setting<>("BRIDGE_RECONCILIATION_ENABLED",
            "whether the transformer's process also runs the reconciliation (true or false)", true, text -> {
                return switch (text.trim().toLowerCase()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("must be true or false");
                };
            });
    public static final Setting<String> APPLICATION_ID = Setting.string("BRIDGE_RECONCILIATION_APPLICATION_ID",
            "Kafka Streams application.id of the reconciliation: its consumer group and the prefix of its internal"
                    + " topics", "p21-bridge-reconciliation");
    public static final Setting<String> STATE_DIR = Setting.string("BRIDGE_RECONCILIATION_STATE_DIR",
            "directory of the reconciliation's local state store; empty: the transformer's state directory, where it"
                    + " gets a subdirectory of its own application id", "");

    /** @param transformerStateDir where the state goes unless {@code BRIDGE_RECONCILIATION_STATE_DIR} says otherwise */
    public static ReconciliationConfig from(Environment env, Path transformerStateDir) {
        String dir = env.get(STATE_DIR);
        return new ReconciliationConfig(KafkaConfig.from(env), env.get(ENABLED), env.get(APPLICATION_ID),
                dir.isBlank() ? transformerStateDir : Path.of(dir));
    }

    public ReconciliationConfig withStateDir(Path dir) {
        return new ReconciliationConfig(kafka, enabled, applicationId, dir);
    }
}
