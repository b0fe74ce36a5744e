package dev.p21bridge.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The store metrics as Micrometer's KafkaStreamsMetrics names them (Kafka's dashes become dots). */
class StoreMetricTagsTest {

    private static final String MEMTABLES = "kafka.stream.state.size.all.mem.tables";

    private final PrometheusMeterRegistry registry = Metrics.prometheus("transformer");

    @Test
    void shouldReportTheMetricsOfEveryStoreTypeUnderOneMetricName() {
        gauge(MEMTABLES, 1, "rocksdb.window.state.id", "orders-seen");
        gauge(MEMTABLES, 2, "rocksdb.state.id", "customers-written");
        gauge(MEMTABLES, 3, "in.memory.state.id", "sku-xref");

        String scrape = registry.scrape();

        assertThat(scrape)
                .containsPattern("kafka_stream_state_size_all_mem_tables\\{[^}]*state_id=\"orders-seen\""
                        + "[^}]*store_type=\"rocksdb.window\"[^}]*} 1")
                .containsPattern("kafka_stream_state_size_all_mem_tables\\{[^}]*state_id=\"customers-written\""
                        + "[^}]*store_type=\"rocksdb\"[^}]*} 2")
                .containsPattern("kafka_stream_state_size_all_mem_tables\\{[^}]*state_id=\"sku-xref\""
                        + "[^}]*store_type=\"in.memory\"[^}]*} 3")
                .doesNotContain("rocksdb_state_id", "rocksdb_window_state_id");
    }

    @Test
    void shouldLeaveOtherMetricsAlone() {
        gauge("kafka.stream.thread.commit.rate", 4, "thread.id", "StreamThread-1");

        assertThat(registry.scrape()).containsPattern("kafka_stream_thread_commit_rate\\{[^}]*thread_id=\"StreamThread-1\"")
                .doesNotContain("store_type");
    }

    private void gauge(String name, double value, String storeTagKey, String store) {
        Gauge.builder(name, () -> value).tags(Tags.of("task.id", "0_1", storeTagKey, store)).register(registry);
    }
}
