package dev.p21bridge.app.console.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * What a channel sends when a rule fires or resolves: one line for a chat, a subject and a few lines for an e-mail.
 * It carries no personal data: the readings it quotes are counts, states and flow names.
 *
 * @param since when the alert began firing (for a resolved one: how long it fired)
 */
public record AlertNotification(String rule, AlertKind kind, Edge edge, Instant at, Instant since, String detail) {

    /** Which edge of the rule this is. */
    public enum Edge { FIRING, RESOLVED }

    public String subject() {
        return "[p21-bridge " + edge.name() + "] " + rule;
    }

    /** The chat line, also the e-mail's first line. */
    public String text() {
        String tail = edge == Edge.FIRING ? " (firing since " + since + ")"
                : " (fired for " + Duration.between(since, at).toSeconds() + " s, resolved " + at + ")";
        return subject() + ": " + detail + tail;
    }
}
