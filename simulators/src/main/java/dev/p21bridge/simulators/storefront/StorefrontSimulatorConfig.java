package dev.p21bridge.simulators.storefront;

import java.net.URI;
import java.nio.file.Path;

/**
 * How one storefront simulator runs.
 *
 * @param port           HTTP port; 0 picks a free one
 * @param dataDir        where state is kept across restarts; {@code null} keeps it in memory only
 * @param apiToken       the token the real-shaped API demands ({@code X-Auth-Token} or {@code Authorization: Bearer})
 * @param webhookUrl     where events are POSTed; {@code null} delivers nothing
 * @param webhookSecret  the HMAC secret of {@code X-Webhook-Signature}
 * @param redeliveryRate fraction of events delivered a second time with the same id, in [0, 1]
 * @param seed           makes generated customers and orders repeatable
 */
public record StorefrontSimulatorConfig(int port, Path dataDir, String apiToken, URI webhookUrl, String webhookSecret,
                                        double redeliveryRate, long seed) {

    public static final double DEFAULT_REDELIVERY_RATE = 0.05;
    public static final long DEFAULT_SEED = 21;

    public StorefrontSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must lie in 0..65535, got " + port);
        }
        if (apiToken == null || apiToken.isBlank()) {
            throw new IllegalArgumentException("apiToken must not be blank");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("webhookSecret must not be blank");
        }
        if (redeliveryRate < 0 || redeliveryRate > 1) {
            throw new IllegalArgumentException("redeliveryRate must lie in [0, 1], got " + redeliveryRate);
        }
    }

    public static StorefrontSimulatorConfig xcartDefaults() {
        return new StorefrontSimulatorConfig(8092, null, "xcart-dev-token", URI.create("http://localhost:8080/webhooks/xcart"),
                "xcart-dev-secret", DEFAULT_REDELIVERY_RATE, DEFAULT_SEED);
    }

    public static StorefrontSimulatorConfig clarityDefaults() {
        return new StorefrontSimulatorConfig(8093, null, "clarity-dev-token",
                URI.create("http://localhost:8080/webhooks/clarity"), "clarity-dev-secret", DEFAULT_REDELIVERY_RATE,
                DEFAULT_SEED);
    }

    public StorefrontSimulatorConfig withPort(int newPort) {
        return new StorefrontSimulatorConfig(newPort, dataDir, apiToken, webhookUrl, webhookSecret, redeliveryRate, seed);
    }

    public StorefrontSimulatorConfig withDataDir(Path newDataDir) {
        return new StorefrontSimulatorConfig(port, newDataDir, apiToken, webhookUrl, webhookSecret, redeliveryRate, seed);
    }

    public StorefrontSimulatorConfig withWebhookUrl(URI newWebhookUrl) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, newWebhookUrl, webhookSecret, redeliveryRate, seed);
    }

    public StorefrontSimulatorConfig withWebhookSecret(String newSecret) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, webhookUrl, newSecret, redeliveryRate, seed);
    }

    public StorefrontSimulatorConfig withApiToken(String newToken) {
        return new StorefrontSimulatorConfig(port, dataDir, newToken, webhookUrl, webhookSecret, redeliveryRate, seed);
    }

    public StorefrontSimulatorConfig withRedeliveryRate(double newRate) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, webhookUrl, webhookSecret, newRate, seed);
    }

    public StorefrontSimulatorConfig withSeed(long newSeed) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, webhookUrl, webhookSecret, redeliveryRate, newSeed);
    }
}
