package dev.p21bridge.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The TCP sockets listening on this machine, read from Linux's {@code /proc/net/tcp} and {@code tcp6} as
 * {@code ss -ltn} does: what a test needs to know which address a child process bound, whatever it printed.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    record Socket(InetAddress address, int port) {
        /** Loopback, also as an IPv4-mapped IPv6 address ({@code ::ffff:127.0.0.1}), which Java's dual-stack uses. */
        boolean isLoopback() {
            byte[] bytes = address.getAddress();
            boolean mappedLoopback = bytes.length == 16 && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff
                    && bytes[12] == 127;
            return address.isLoopbackAddress() || mappedLoopback;
        }
    }

    private ListeningSockets() {
    }

    /** Every listening socket on {@code port}; empty when nothing listens there. */
    static List<Socket> on(int port) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                    sockets.add(new Socket(address(local[0]), port));
                }
            }
        }
        return sockets;
    }

    /** The kernel writes each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
