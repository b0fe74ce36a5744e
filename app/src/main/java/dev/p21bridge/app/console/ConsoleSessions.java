package dev.p21bridge.app.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's logged-in browsers, kept in this process only: a random session id stands for the admin token, so the
 * token never stays in the browser; each session carries its own CSRF token. Sessions end at logout, after
 * {@link #LIFETIME} and with the process (a restart logs everyone out).
 */
public final class ConsoleSessions {

    static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One logged-in browser: the id in its cookie, the CSRF token its forms and htmx requests carry, and its end. */
    public record Session(String id, String csrfToken, Instant expires) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    Session open() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !session.expires().isAfter(now));
        Session session = new Session(random(), random(), now.plus(LIFETIME));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of that id; an expired one is forgotten. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session != null && !session.expires().isAfter(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** 256 random bits as hex: neither guessable nor derived from the admin token. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
