package dev.p21bridge.ingress.availability;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.StockLocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Canonical levels for tests: {@code level("A", "7", 1000, "10", "5", "20", "3")} (location, free pairs). */
final class Levels {

    private Levels() {
    }

    static InventoryLevel level(String sku, String available, long changedAt, String... locationFree) {
        List<StockLocation> locations = new ArrayList<>();
        for (int i = 0; i < locationFree.length; i += 2) {
            BigDecimal free = new BigDecimal(locationFree[i + 1]).setScale(4);
            locations.add(StockLocation.newBuilder().setLocationId(locationFree[i]).setOnHand(free)
                    .setAllocated(BigDecimal.ZERO.setScale(4)).setAvailable(free)
                    .setChangedAt(Instant.ofEpochMilli(changedAt)).build());
        }
        return InventoryLevel.newBuilder().setSku(sku).setP21ItemId(sku).setSource(Source.P21)
                .setSourceEventId("evt-" + changedAt).setEventTime(Instant.ofEpochMilli(changedAt))
                .setChangedAt(Instant.ofEpochMilli(changedAt)).setLocations(locations)
                .setReserved(BigDecimal.ZERO.setScale(4)).setAvailable(new BigDecimal(available).setScale(4))
                .build();
    }
}
