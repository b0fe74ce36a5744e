package dev.p21bridge.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a server binds: an IP address, {@code 0.0.0.0} for every interface, or a host name. The sandbox's servers
 * default to {@link #LOOPBACK}: a stand-in P21 with a known password, or a registry anyone may write to, must not be
 * reachable from the network unless the operator says so.
 */
public record ListenAddress(String host) {

    public static final ListenAddress LOOPBACK = new ListenAddress("127.0.0.1");
    public static final ListenAddress EVERY_INTERFACE = new ListenAddress("0.0.0.0");

    /** @throws IllegalArgumentException naming the text when it is no address this machine can bind */
    public ListenAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a listen address is an IP address or a host name, not empty");
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + (host.length() > 64 ? host.substring(0, 64) + "..." : host)
                    + "' is no address of this machine");
        }
    }

    public static ListenAddress parse(String text) {
        return new ListenAddress(text.trim());
    }

    /** True when only this machine can connect. */
    public boolean isLoopback() {
        return address().isLoopbackAddress();
    }

    /** The host a client on this machine puts in a URL: {@code localhost} unless bound to one other address. */
    public String urlHost() {
        InetAddress address = address();
        return address.isLoopbackAddress() || address.isAnyLocalAddress() ? "localhost" : host;
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("'" + host + "' no longer resolves", e);
        }
    }
}
