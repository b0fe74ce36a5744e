package dev.p21bridge.app.holds;

import dev.p21bridge.platform.holds.Hold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code bridge.holds} as a map, the latest hold per key; what was written is also kept, in order. */
public final class MemoryHoldBook extends HoldBook {

    private final Map<String, Hold> latest = new LinkedHashMap<>();
    public final List<Hold> written = new ArrayList<>();

    public MemoryHoldBook() {
        super(null);
    }

    public synchronized void put(Hold hold) {
        latest.put(hold.orderKey(), hold);
    }

    @Override
    public synchronized List<Hold> all() {
        return List.copyOf(latest.values());
    }

    @Override
    public synchronized void write(Hold hold) {
        written.add(hold);
        put(hold);
    }
}
