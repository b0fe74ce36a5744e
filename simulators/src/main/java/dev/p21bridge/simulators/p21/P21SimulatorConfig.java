package dev.p21bridge.simulators.p21;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the P21 simulator. {@code dataDir} may be null: state then lives in memory only and is lost on close;
 * otherwise it is kept in {@code <dataDir>/p21-simulator.json} plus the changes since in
 * {@code <dataDir>/p21-simulator.journal} ({@link P21Store}), and survives a restart. Port 0 binds a free port.
 */
public record P21SimulatorConfig(int port, Path dataDir, String username, String password, String clientSecret,
                                 Duration tokenLifetime, int ordersKept) {

    /** The port {@code ./bridge up} gives the P21 simulator (docs/contract.md, section 'Ports'). */
    public static final int DEFAULT_PORT = 8091;

    /**
     * How many orders (sales orders and RMAs) the simulator keeps by default before it forgets the oldest: enough to
     * try the bridge for days at a demo's pace, and a bound on memory for a long run (docs/simulators.md).
     */
    public static final int DEFAULT_ORDERS_KEPT = 20_000;

    public P21SimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must lie between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive, got " + tokenLifetime);
        }
        if (ordersKept < 1) {
            throw new IllegalArgumentException("ordersKept must be at least 1, got " + ordersKept);
        }
    }

    /** Port 8091, in memory, the dev credentials {@code p21api}/{@code p21-dev-password}, 24 h tokens as P21 issues. */
    public static P21SimulatorConfig defaults() {
        return new P21SimulatorConfig(DEFAULT_PORT, null, "p21api", "p21-dev-password", "p21-dev-client-secret",
                Duration.ofHours(24), DEFAULT_ORDERS_KEPT);
    }

    public P21SimulatorConfig withPort(int newPort) {
        return new P21SimulatorConfig(newPort, dataDir, username, password, clientSecret, tokenLifetime, ordersKept);
    }

    public P21SimulatorConfig withDataDir(Path newDataDir) {
        return new P21SimulatorConfig(port, newDataDir, username, password, clientSecret, tokenLifetime, ordersKept);
    }

    public P21SimulatorConfig withTokenLifetime(Duration newLifetime) {
        return new P21SimulatorConfig(port, dataDir, username, password, clientSecret, newLifetime, ordersKept);
    }

    /** Keeps at most {@code orders} orders, forgetting the oldest past that. */
    public P21SimulatorConfig withOrdersKept(int orders) {
        return new P21SimulatorConfig(port, dataDir, username, password, clientSecret, tokenLifetime, orders);
    }
}
