package dev.p21bridge.ingress.p21;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * The poller's meters, tagged {@code table=<OData table>}: {@code p21.poller.rows} (records written to
 * {@code raw.p21}), {@code p21.poller.polls} (polls that ended well), {@code p21.poller.failures} (polls that did
 * not), and the gauge {@code p21.poller.lag} (seconds from the watermark to now; it also grows while the table simply
 * does not change, so alert on it together with {@code failures}).
 */
final class P21PollerMetrics {

    private final Counter rows;
    private final Counter polls;
    private final Counter failures;
    private final Gauge lag;
    private final MeterRegistry registry;

    P21PollerMetrics(MeterRegistry registry, P21Cursor cursor, Clock clock) {
        this.registry = registry;
        String table = cursor.table().tableName();
        rows = Counter.builder("p21.poller.rows").tag("table", table)
                .description("changed P21 rows written to raw.p21").register(registry);
        polls = Counter.builder("p21.poller.polls").tag("table", table)
                .description("polls of the table that ended well").register(registry);
        failures = Counter.builder("p21.poller.failures").tag("table", table)
                .description("polls of the table that failed and will be tried again").register(registry);
        lag = Gauge.builder("p21.poller.lag", cursor,
                        c -> Duration.between(c.watermark().lastModified(), clock.instant()).toMillis() / 1000.0)
                .tag("table", table).baseUnit("seconds").strongReference(true)
                .description("time from the table's watermark to now").register(registry);
    }

    void written(int count) {
        rows.increment(count);
    }

    void polled() {
        polls.increment();
    }

    void failed() {
        failures.increment();
    }

    /** Drops the lag gauge, so a poller started later in the same registry reports its own cursor. */
    void close() {
        registry.remove(lag);
    }
}
