package dev.p21bridge.registry;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may change the registry. Reads are open, as in Confluent's registry without authentication. A registry that
 * listens beyond localhost asks callers from other machines for the admin token before it registers a schema or
 * changes a compatibility level: one unauthenticated POST could otherwise fill its memory or break every producer's
 * next schema. Callers on this machine (the services of {@code ./bridge up}) are trusted as before.
 */
public final class RegistryAccess {

    private final byte[] adminToken;
    private final boolean trustLoopback;

    private RegistryAccess(byte[] adminToken, boolean trustLoopback) {
        this.adminToken = adminToken;
        this.trustLoopback = trustLoopback;
    }

    /** Anyone may change it: a registry on loopback, or in a test. */
    public static RegistryAccess open() {
        return new RegistryAccess(null, true);
    }

    /** Changes from other machines need {@code Authorization: Bearer <adminToken>}. */
    public static RegistryAccess adminTokenBeyondLoopback(String adminToken) {
        return new RegistryAccess(tokenBytes(adminToken), true);
    }

    /** Every change needs the token, from this machine too: how a test plays a caller from another machine. */
    static RegistryAccess adminTokenFromEveryone(String adminToken) {
        return new RegistryAccess(tokenBytes(adminToken), false);
    }

    private static byte[] tokenBytes(String adminToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("the registry's admin token must not be empty");
        }
        return adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /** Throws 401 (Confluent's 40101) unless the caller of this changing request may change the registry. */
    void requireChangeAllowed(Context ctx) {
        if (adminToken == null || trustLoopback && isLoopback(ctx.req().getRemoteAddr())) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] offered = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(offered, adminToken)) {
            throw RegistryError.unauthorized();
        }
    }

    static boolean isLoopback(String remoteAddress) {
        try {
            // an IP literal from the socket: no name lookup happens
            return remoteAddress != null && InetAddress.getByName(remoteAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
