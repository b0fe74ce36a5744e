package dev.p21bridge.platform.holds;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where an order held for review stands (docs/risk.md, "Holds"). The p21-sink writes {@link #HELD} after creating the
 * order on hold in P21, and {@link #RELEASED} or {@link #CANCELLED} once it applied a decision; an operator's
 * decision ({@code ./bridge orders approve|reject}, the console, the API) writes {@link #APPROVED} or
 * {@link #REJECTED}, which the p21-sink acts on.
 */
public enum HoldState {
    HELD, APPROVED, REJECTED, RELEASED, CANCELLED;

    /** As written in the topic's JSON and shown to people: lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An operator's decision the p21-sink has still to apply. */
    public boolean isDecision() {
        return this == APPROVED || this == REJECTED;
    }

    /** The state a JSON value names; an {@link IllegalArgumentException} listing the known ones otherwise. */
    public static HoldState of(String text) {
        return Arrays.stream(values()).filter(state -> state.text().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("hold state '" + text + "' is unknown; one of "
                        + Arrays.stream(values()).map(HoldState::text).toList()));
    }
}
