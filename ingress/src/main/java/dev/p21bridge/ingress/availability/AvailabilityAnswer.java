package dev.p21bridge.ingress.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON answer to an {@link AvailabilityQuery} (docs/availability.md): per known SKU its available units, the
 * time of the level they come from and, when asked, per location; the SKUs the bridge has no level of under
 * {@code unknown}, so a cart can tell "none left" (0) from "not a SKU the bridge knows".
 */
public final class AvailabilityAnswer {

    private AvailabilityAnswer() {
    }

    /** @param stockLocations the locations the store sells from; empty: the bridge-wide ones */
    public static Map<String, Object> of(String store, List<String> stockLocations, AvailabilityQuery query,
                                         AvailabilityLevels levels) {
        List<Map<String, Object>> known = new ArrayList<>(query.skus().size());
        List<String> unknown = new ArrayList<>();
        for (String sku : query.skus()) {
            SkuLevel level = levels.get(sku);
            if (level == null) {
                unknown.add(sku);
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sku", sku);
            long available = level.availableFrom(stockLocations);
            entry.put("available", available);
            entry.put("asOf", Instant.ofEpochMilli(level.changedAt()).toString());
            if (!query.locations().isEmpty()) {
                List<Map<String, Object>> locations = new ArrayList<>(query.locations().size());
                for (String location : query.locations()) {
                    Map<String, Object> at = new LinkedHashMap<>();
                    at.put("location", location);
                    at.put("available", Math.min(level.byLocation().getOrDefault(location, 0L), available));
                    locations.add(at);
                }
                entry.put("locations", locations);
            }
            known.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("store", store);
        answer.put("skus", known);
        answer.put("unknown", unknown);
        return answer;
    }
}
