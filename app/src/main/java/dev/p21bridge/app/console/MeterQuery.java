package dev.p21bridge.app.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which of the services' own meters a flow reads: a name, tags that must match, and which values of the
 * {@code outcome} tag count ({@code outcome} sees null for a meter without that tag). Reading sums every matching
 * meter, so per-store or per-storefront series add up to the flow.
 */
record MeterQuery(String name, Map<String, String> tags, Predicate<String> outcome) {

    /** The outcomes that are failures wherever a service counts outcomes. */
    static final Set<String> FAILED = Set.of("rejected", "transient", "failed", "refused");

    static MeterQuery all(String name, Map<String, String> tags) {
        return new MeterQuery(name, tags, outcome -> true);
    }

    static MeterQuery done(String name, Map<String, String> tags) {
        return new MeterQuery(name, tags, outcome -> outcome == null || !FAILED.contains(outcome));
    }

    static MeterQuery failed(String name, Map<String, String> tags) {
        return new MeterQuery(name, tags, outcome -> outcome != null && FAILED.contains(outcome));
    }

    /** The sum of the matching counters; 0 while none is registered yet. */
    double total(MeterRegistry registry) {
        double sum = 0;
        for (Meter meter : registry.find(name).meters()) {
            if (matches(meter)) {
                if (meter instanceof Counter counter) {
                    sum += counter.count();
                } else if (meter instanceof FunctionCounter counter) {
                    sum += counter.count();
                }
            }
        }
        return sum;
    }

    /** The highest value among the matching gauges, or -1 when there is none. */
    double highest(MeterRegistry registry) {
        double highest = -1;
        for (Meter meter : registry.find(name).meters()) {
            if (matches(meter) && meter instanceof Gauge gauge && !Double.isNaN(gauge.value())) {
                highest = Math.max(highest, gauge.value());
            }
        }
        return highest;
    }

    private boolean matches(Meter meter) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!tag.getValue().equals(meter.getId().getTag(tag.getKey()))) {
                return false;
            }
        }
        return outcome.test(meter.getId().getTag("outcome"));
    }
}
