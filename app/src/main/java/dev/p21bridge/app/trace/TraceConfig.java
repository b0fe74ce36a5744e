package dev.p21bridge.app.trace;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the console's trace index (docs/operations.md, 'Tracing an order'): a Kafka Streams application of its
 * own, so its position in the topics and its store survive a restart of the console.
 *
 * @param retention how long an order stays in the index after its newest record: as long as the longest retention of
 *                  the topics it reads (30 days for canonical and dead-letter topics), past which its records are gone
 */
public record TraceConfig(KafkaConfig kafka, String applicationId, Path stateDir, Duration retention) {

    public static final Setting<String> APPLICATION_ID = Setting.string("BRIDGE_TRACE_APPLICATION_ID",
            "Kafka Streams application.id of the console's trace index; a second console needs its own",
            "p21-bridge-trace-index");
    public static final Setting<String> STATE_DIR = Setting.string("BRIDGE_TRACE_STATE_DIR",
            "directory of the trace index's local store", ".bridge/data/streams");
    public static final Setting<Duration> RETENTION = Setting.duration("BRIDGE_TRACE_RETENTION",
            "how long the trace index keeps an order after its newest record (the topics keep theirs 7 to 30 days)",
            Duration.ofDays(30));

    public static TraceConfig from(Environment env) {
        Duration retention = env.get(RETENTION);
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new ConfigException(RETENTION.name() + " is malformed (at least 1h): " + RETENTION.description());
        }
        return new TraceConfig(KafkaConfig.from(env), env.get(APPLICATION_ID), Path.of(env.get(STATE_DIR)), retention);
    }

    public TraceConfig withStateDir(Path dir) {
        return new TraceConfig(kafka, applicationId, dir, retention);
    }
}
