package dev.p21bridge.app.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertConfigTest {

    @Test
    void shouldShowNeitherPasswordNorRecipientsNorWebhookToken() {
        AlertConfig config = AlertConfig.from(new Environment(Map.of(
                "BRIDGE_ALERT_SMTP_HOST", "smtp.example.com", "BRIDGE_ALERT_SMTP_USERNAME", "bridge",
                "BRIDGE_ALERT_SMTP_PASSWORD", "hunter2", "BRIDGE_ALERT_SMTP_TO", "ops@example.com,cfo@example.com",
                "BRIDGE_ALERT_WEBHOOK_URL", "https://hooks.example.com/services/T0/B0/secret-token")));
        assertThat(config.toString()).doesNotContain("hunter2", "ops@", "secret-token")
                .contains("smtp.example.com", "2 recipients", "hooks.example.com");
        assertThat(AlertMonitor.channels(config)).extracting(AlertChannel::name)
                .containsExactly("e-mail via smtp.example.com", "webhook");
    }

    @Test
    void shouldTurnChannelsOffWhenNotSetAndNameTheMissingRecipients() {
        AlertConfig none = AlertConfig.from(new Environment(Map.of()));
        assertThat(AlertMonitor.channels(none)).isEmpty();
        assertThatThrownBy(() -> AlertConfig.from(new Environment(Map.of("BRIDGE_ALERT_SMTP_HOST", "smtp.example.com"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_ALERT_SMTP_TO is not set");
    }

    @Test
    void shouldNameAMalformedWebhookUrlWithoutQuotingIt() {
        assertThatThrownBy(() -> AlertConfig.from(new Environment(Map.of("BRIDGE_ALERT_WEBHOOK_URL",
                "hooks.example.com/secret-token")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("BRIDGE_ALERT_WEBHOOK_URL is malformed").hasMessageNotContaining("secret-token");
    }
}
