package dev.p21bridge.app.console;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.transformer.TransformerConfig;
import java.time.Duration;

/** The ops console's own settings: how often the Flows page samples and how much history it keeps. */
public record ConsoleConfig(Duration sampleInterval, Duration history, String transformerGroup) {

    public static final Setting<Duration> SAMPLE_INTERVAL = Setting.duration("BRIDGE_CONSOLE_SAMPLE_INTERVAL",
            "how often the console samples the flows' meters and Kafka positions (the Flows page's resolution)",
            Duration.ofSeconds(5));
    public static final Setting<Duration> HISTORY = Setting.duration("BRIDGE_CONSOLE_HISTORY",
            "how far back the Flows page's sparklines and failure counts reach (kept in memory)", Duration.ofMinutes(5));

    public ConsoleConfig {
        if (sampleInterval.toMillis() < 200) {
            throw new IllegalArgumentException(SAMPLE_INTERVAL.name() + " must be at least 200ms");
        }
        if (history.compareTo(sampleInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(HISTORY.name() + " must hold at least two samples of "
                    + SAMPLE_INTERVAL.name());
        }
    }

    public static ConsoleConfig from(Environment env) {
        return new ConsoleConfig(env.get(SAMPLE_INTERVAL), env.get(HISTORY), env.get(TransformerConfig.APPLICATION_ID));
    }

    int samples() {
        return (int) Math.max(2, history.toMillis() / sampleInterval.toMillis());
    }
}
