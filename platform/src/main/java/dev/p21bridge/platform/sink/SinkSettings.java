package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.retry.RetryConfig;

/**
 * Who a sink is and how it retries.
 *
 * @param service      its consumer group, and the name in {@code retry.<service>.<n>} and {@code dlq.<service>}
 * @param metricPrefix the first part of its metric names, e.g. {@code p21} in {@code p21.retry.waiting}
 */
public record SinkSettings(String service, String metricPrefix, RetryConfig retry) {
}
