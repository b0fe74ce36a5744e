package dev.p21bridge.app.holds;

import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An operator's approve or reject of a held order, the one way the CLI ({@code ./bridge orders approve|reject}), the
 * console's Holds page and {@code POST /api/holds/{key}/approve|reject} decide: the key is checked, the order must be
 * held now, and the decision goes to {@code bridge.holds}, where the p21-sink applies it to P21 (docs/risk.md).
 */
public final class HoldDecisions {

    /** {@code <store>:<order id>}: a store name as BRIDGE_STORES allows it, a colon, an id without spaces. */
    private static final Pattern ORDER_KEY = Pattern.compile("[a-z][a-z0-9-]{0,31}:\\S{1,200}");

    /** What a decision came to. */
    public sealed interface Outcome {
        /** Written: the p21-sink will release or cancel the P21 order. */
        record Decided(Hold hold) implements Outcome {
        }

        /** No hold for that key. */
        record NotFound(String message) implements Outcome {
        }

        /** The order is not waiting for a decision (decided already, released, cancelled). */
        record NotHeld(String message) implements Outcome {
        }
    }

    private final HoldBook book;
    private final Clock clock;

    public HoldDecisions(HoldBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    /** An {@link IllegalArgumentException} naming the problem unless {@code key} reads {@code <store>:<order id>}. */
    public static String checkedKey(String key) {
        if (key == null || !ORDER_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("order key '" + key + "' must be <store>:<order id>, e.g. xcart:10452");
        }
        return key;
    }

    public Outcome approve(String key, String decidedBy) {
        return decide(key, HoldState.APPROVED, decidedBy);
    }

    public Outcome reject(String key, String decidedBy) {
        return decide(key, HoldState.REJECTED, decidedBy);
    }

    private Outcome decide(String key, HoldState decision, String decidedBy) {
        checkedKey(key);
        if (!Hold.DECIDERS.contains(decidedBy)) {
            throw new IllegalArgumentException("decidedBy must be one of " + Hold.DECIDERS);
        }
        Optional<Hold> current = book.find(key);
        if (current.isEmpty()) {
            return new Outcome.NotFound("no order " + key + " is held for review");
        }
        Hold hold = current.get();
        if (hold.state() != HoldState.HELD) {
            return new Outcome.NotHeld("order " + key + " is not held: it is " + hold.state().text()
                    + (hold.decidedBy() == null ? "" : " (decided by " + hold.decidedBy() + " at " + hold.decidedAt()
                    + ")"));
        }
        Hold decided = hold.decided(decision, decidedBy, clock.instant());
        book.write(decided);
        return new Outcome.Decided(decided);
    }
}
