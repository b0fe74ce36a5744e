package dev.p21bridge.platform.config;

import java.util.Locale;

/** How a store's orders reach the bridge: its webhooks, polling its order list, or both at once. */
public enum StoreMode {
    WEBHOOK, POLL, BOTH;

    /** Whether the bridge reads the store's order list. */
    public boolean polls() {
        return this != WEBHOOK;
    }

    /** Whether the store's webhooks are taken (webhook or both). */
    public boolean listens() {
        return this != POLL;
    }

    static StoreMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "webhook" -> WEBHOOK;
            case "poll" -> POLL;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("must be webhook, poll or both");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
