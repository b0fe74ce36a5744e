package dev.p21bridge.ingress.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreMode;
import dev.p21bridge.platform.config.StorePlatform;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.testing.RawTopicsProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class StoreOrderBackfillTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    /** A store's order history in memory, filtered and sorted by creation as both stores' lists are. */
    private static final class FakeHistory implements StoreOrderList {
        final List<ListedOrder> orders = new ArrayList<>();

        void put(String id, Instant created) {
            orders.add(new ListedOrder(id, created, created, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public List<ListedOrder> page(int page) {
            throw new UnsupportedOperationException("a backfill reads by creation");
        }

        @Override
        public List<ListedOrder> createdSince(Instant from, int page) {
            List<ListedOrder> sorted = orders.stream().filter(o -> !o.created().isBefore(from))
                    .sorted(Comparator.comparing(ListedOrder::created).thenComparing(ListedOrder::id)).toList();
            int start = Math.min((page - 1) * PAGE_SIZE, sorted.size());
            return sorted.subList(start, Math.min(start + PAGE_SIZE, sorted.size()));
        }
    }

    private final FakeHistory history = new FakeHistory();
    private final MockProducer<String, byte[]> producer = RawTopicsProducer.create(true);
    private final Store store = new Store("xcart", StorePlatform.XCART, URI.create("http://localhost:8092"), "t",
            List.of(), StoreMode.WEBHOOK, Duration.ofSeconds(30), Duration.ofMinutes(2));

    @Test
    void shouldWriteEveryOrderSinceTheDateOldestFirstAsABackfilledCreate() throws Exception {
        history.put("1", T0.minusSeconds(1));
        for (int i = 0; i < 250; i++) {
            history.put(Integer.toString(100 + i), T0.plusSeconds(i / 3));
        }
        List<StoreOrderBackfill.Progress> pages = new ArrayList<>();

        StoreOrderBackfill.Result result = backfill(Optional.empty()).run(T0, false, 1_000_000, pages::add, () -> false);

        assertThat(result.sent()).isEqualTo(250);
        assertThat(result.stopped()).isFalse();
        assertThat(orderRecords()).hasSize(250).first().satisfies(r -> {
            assertThat(r.key()).isEqualTo("100");
            assertThat(r.topic()).isEqualTo("raw.xcart");
            assertThat(header(r, "event-type")).isEqualTo("order.created");
            assertThat(header(r, "event-id")).isEqualTo("backfill:xcart:100");
            assertThat(header(r, "received-via")).isEqualTo("backfill");
        });
        assertThat(pages).extracting(StoreOrderBackfill.Progress::page).containsExactly(1, 2, 3);
        assertThat(pages.get(2).read()).isEqualTo(250);
        assertThat(lastPosition().cursor()).isEqualTo(T0.plusSeconds(83));
    }

    @Test
    void shouldResumeAfterTheLastOrderWrittenWhenStoppedAndWriteNothingTwice() throws Exception {
        for (int i = 0; i < 150; i++) {
            history.put(Integer.toString(100 + i), T0.plusSeconds(i / 10));
        }
        AtomicInteger asked = new AtomicInteger();
        StoreOrderBackfill.Result first = backfill(Optional.empty()).run(T0, false, 1_000_000, p -> { },
                () -> asked.incrementAndGet() > 45);
        assertThat(first.stopped()).isTrue();
        assertThat(first.sent()).isEqualTo(45);

        StoreOrderBackfill.Result second = backfill(Optional.of(lastPosition())).run(T0, false, 1_000_000, p -> { },
                () -> false);

        assertThat(second.resumedFrom()).isEqualTo(T0.plusSeconds(4));
        assertThat(second.sent()).isEqualTo(150);
        assertThat(orderRecords()).extracting(ProducerRecord::key).doesNotHaveDuplicates().hasSize(150);
    }

    @Test
    void shouldStartAgainWithRestartOrAnotherSince() throws Exception {
        history.put("1", T0.plusSeconds(1));
        BackfillPosition done = BackfillPosition.startingAt(T0).after(history.orders.get(0));

        backfill(Optional.of(done)).run(T0, true, 1_000_000, p -> { }, () -> false);
        backfill(Optional.of(done)).run(T0.minusSeconds(60), false, 1_000_000, p -> { }, () -> false);
        backfill(Optional.of(done)).run(T0, false, 1_000_000, p -> { }, () -> false);

        assertThat(orderRecords()).hasSize(2);
    }

    @Test
    void shouldLeaveOrdersCreatedAfterTheRunBeganToTheLivePath() throws Exception {
        history.put("1", NOW.minusSeconds(5));
        history.put("2", NOW.plusSeconds(5));

        backfill(Optional.empty()).run(T0, false, 1_000_000, p -> { }, () -> false);

        assertThat(orderRecords()).extracting(ProducerRecord::key).containsExactly("1");
        assertThat(orderRecords()).extracting(ProducerRecord::partition)
                .containsOnly(StorePartition.of("xcart", RawTopicsProducer.PARTITIONS));
    }

    @Test
    void shouldKeepToTheRate() throws Exception {
        for (int i = 0; i < 21; i++) {
            history.put(Integer.toString(100 + i), T0.plusSeconds(i));
        }
        long start = System.nanoTime();

        backfill(Optional.empty()).run(T0, false, 100, p -> { }, () -> false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    private StoreOrderBackfill backfill(Optional<BackfillPosition> saved) {
        return new StoreOrderBackfill(store, history, producer, new BackfillPositionStore(producer,
                Duration.ofSeconds(5)), saved, Clock.fixed(NOW, ZoneOffset.UTC), () -> { });
    }

    private List<ProducerRecord<String, byte[]>> orderRecords() {
        return producer.history().stream().filter(r -> r.topic().equals("raw.xcart")).toList();
    }

    private BackfillPosition lastPosition() throws Exception {
        List<ProducerRecord<String, byte[]>> kept = producer.history().stream()
                .filter(r -> r.topic().equals("bridge.store-poll-positions")).toList();
        assertThat(kept.get(kept.size() - 1).key()).isEqualTo("backfill:xcart");
        return BackfillPosition.fromJson(kept.get(kept.size() - 1).value());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
