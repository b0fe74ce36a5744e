package dev.p21bridge.ingress.availability;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a cart asks: {@code ?sku=A&sku=B[&location=L...]}. Bounded so one call stays a few microseconds of work and
 * a few KB of answer; a SKU asked twice is answered once.
 *
 * @param skus      the SKUs, in the order asked
 * @param locations the P21 locations to answer per SKU; empty for the total only
 */
public record AvailabilityQuery(List<String> skus, List<String> locations) {

    /** The most SKUs one call may ask for: a cart page, not a catalogue export. */
    public static final int MAX_SKUS = 100;
    public static final int MAX_LOCATIONS = 20;
    public static final int MAX_LENGTH = 255;

    public AvailabilityQuery {
        skus = List.copyOf(skus);
        locations = List.copyOf(locations);
    }

    /**
     * Reads the query parameters.
     *
     * @throws IllegalArgumentException with the message a 400 answer carries: no SKU, too many SKUs or locations
     *                                  (naming the limit), a blank or overlong value
     */
    public static AvailabilityQuery parse(Map<String, List<String>> parameters) {
        List<String> skus = distinct(parameters.getOrDefault("sku", List.of()), "sku");
        if (skus.isEmpty()) {
            throw new IllegalArgumentException("name at least one SKU: ?sku=A&sku=B");
        }
        if (skus.size() > MAX_SKUS) {
            throw new IllegalArgumentException("too many SKUs: " + skus.size() + " asked, at most " + MAX_SKUS
                    + " per call");
        }
        List<String> locations = distinct(parameters.getOrDefault("location", List.of()), "location");
        if (locations.size() > MAX_LOCATIONS) {
            throw new IllegalArgumentException("too many locations: " + locations.size() + " asked, at most "
                    + MAX_LOCATIONS + " per call");
        }
        return new AvailabilityQuery(skus, locations);
    }

    private static List<String> distinct(List<String> values, String name) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a blank " + name + " parameter");
            }
            if (value.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("a " + name + " longer than " + MAX_LENGTH + " characters");
            }
            distinct.add(value);
        }
        return List.copyOf(distinct);
    }
}
