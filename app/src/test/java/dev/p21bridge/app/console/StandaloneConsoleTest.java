package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console run alone has no token to fall back on: it refuses to start without one, naming the variable. */
class StandaloneConsoleTest {

    @Test
    void shouldRefuseToStartWithoutAnAdminToken() {
        assertThatThrownBy(() -> StandaloneConsole.start(new Environment(Map.of("BRIDGE_ADMIN_TOKEN", " ")), 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_ADMIN_TOKEN is missing");
    }

    @Test
    void shouldNameABadSamplingSetting() {
        assertThatThrownBy(() -> ConsoleConfig.from(new Environment(Map.of("BRIDGE_CONSOLE_SAMPLE_INTERVAL", "50ms"))))
                .hasMessageContaining("BRIDGE_CONSOLE_SAMPLE_INTERVAL");
    }
}
