package dev.p21bridge.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two ports of an embedded broker, kept in its data directory.
 *
 * <p>The controller port is written into the KRaft voter set when the directory is formatted, so a formatted
 * directory only starts again on the same controller port; the client port is kept so that clients configured
 * with the old bootstrap address keep working after a restart.
 */
record BrokerPorts(int port, int controllerPort) {

    static final String FILE_NAME = "embedded-kafka-ports.properties";
    /** Where {@link #freePort()} looks: below every usual ephemeral range. */
    static final int PINNABLE_FROM = 20_000;
    static final int PINNABLE_TO = 32_768;

    /** The ports last used with {@code dataDir}, if any. */
    static Optional<BrokerPorts> load(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return Optional.of(new BrokerPorts(
                Integer.parseInt(props.getProperty("port").trim()),
                Integer.parseInt(props.getProperty("controller.port").trim())));
    }

    void save(Path dataDir) {
        Properties props = new Properties();
        props.setProperty("port", Integer.toString(port));
        props.setProperty("controller.port", Integer.toString(controllerPort));
        Path file = dataDir.resolve(FILE_NAME);
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Ports of the embedded Kafka broker; the controller port is pinned by the formatted log dir");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * A port nobody listens on right now (another process may still take it before the broker binds it), from below
     * the kernel's ephemeral range (32768-60999 on Linux, 49152-65535 on macOS). The controller port is pinned by the
     * formatted log dir and bound again at every restart; a port from inside that range, which {@code new
     * ServerSocket(0)} would give, may by then be the local port of any outgoing connection on the machine, and the
     * broker could not start on its own data until that connection ended.
     */
    static int freePort() {
        return freePortOtherThan(0);
    }

    /**
     * {@link #freePort()}, never {@code taken}: the broker's port is drawn first and is not bound yet when the
     * controller's is drawn, so two draws from the same range could otherwise give the same port.
     */
    static int freePortOtherThan(int taken) {
        for (int tries = 0; tries < 200; tries++) {
            int port = ThreadLocalRandom.current().nextInt(PINNABLE_FROM, PINNABLE_TO);
            if (port != taken && isFree(port)) {
                return port;
            }
        }
        // every port tried was taken: one from the ephemeral range is better than none
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free local port", e);
        }
    }

    /** Fails with the port in the message when something already listens on it, instead of a bind error deep in Kafka. */
    static void requireFree(int port, String what) {
        try (ServerSocket socket = bound(port)) {
            // free
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded Kafka broker: " + what + " port " + port
                    + " is already in use", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = bound(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerSocket bound(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
