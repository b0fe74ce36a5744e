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
 * @param ordersKept     how many orders the store keeps before it forgets the oldest (docs/simulators.md)
 */
public record StorefrontSimulatorConfig(int port, Path dataDir, String apiToken, URI webhookUrl, String webhookSecret,
                                        double redeliveryRate, long seed, int ordersKept) {

    public static final double DEFAULT_REDELIVERY_RATE = 0.05;
    public static final long DEFAULT_SEED = 21;
    /** As the P21 simulator's {@code DEFAULT_ORDERS_KEPT}: a bound on a long run's memory. */
    public static final int DEFAULT_ORDERS_KEPT = 20_000;

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
        if (ordersKept < 1) {
            throw new IllegalArgumentException("ordersKept must be at least 1, got " + ordersKept);
        }
    }

    public static StorefrontSimulatorConfig xcartDefaults() {
        return new StorefrontSimulatorConfig(8092, null, "xcart-dev-token", URI.create("http://localhost:8080/webhooks/xcart"),
                "xcart-dev-secret", DEFAULT_REDELIVERY_RATE, DEFAULT_SEED,
                DEFAULT_ORDERS_KEPT);
    }

    public static StorefrontSimulatorConfig clarityDefaults() {
        return new StorefrontSimulatorConfig(8093, null, "clarity-dev-token",
                URI.create("http://localhost:8080/webhooks/clarity"), "clarity-dev-secret", DEFAULT_REDELIVERY_RATE,
                DEFAULT_SEED, DEFAULT_ORDERS_KEPT);
    }

    public StorefrontSimulatorConfig withPort(int newPort) {
        return new StorefrontSimulatorConfig(newPort, dataDir, apiToken, webhookUrl, webhookSecret, redeliveryRate, seed,
                ordersKept);
    }

    public StorefrontSimulatorConfig withDataDir(Path newDataDir) {
        return new StorefrontSimulatorConfig(port, newDataDir, apiToken, webhookUrl, webhookSecret, redeliveryRate, seed,
                ordersKept);
    }

    public StorefrontSimulatorConfig withWebhookUrl(URI newWebhookUrl) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, newWebhookUrl, webhookSecret, redeliveryRate, seed,
                ordersKept);
    }

    public StorefrontSimulatorConfig withWebhookSecret(String newSecret) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, webhookUrl, newSecret, redeliveryRate, seed,
                ordersKept);
    }

    public StorefrontSimulatorConfig withApiToken(String newToken) {
        return new StorefrontSimulatorConfig(port, dataDir, newToken, webhookUrl, webhookSecret, redeliveryRate, seed,
                ordersKept);
    }

    public StorefrontSimulatorConfig withRedeliveryRate(double newRate) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, webhookUrl, webhookSecret, newRate, seed,
                ordersKept);
    }

    public StorefrontSimulatorConfig withSeed(long newSeed) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, webhookUrl, webhookSecret, redeliveryRate, newSeed, ordersKept);
    }

    public StorefrontSimulatorConfig withOrdersKept(int orders) {
        return new StorefrontSimulatorConfig(port, dataDir, apiToken, webhookUrl, webhookSecret, redeliveryRate, seed,
                orders);
    }
}
