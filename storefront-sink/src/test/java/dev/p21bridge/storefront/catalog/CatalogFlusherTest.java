package dev.p21bridge.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryState.Origin;
import dev.p21bridge.platform.retry.RetryState;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.RecordingStorefront.Write;
import dev.p21bridge.storefront.RecordingStorefront;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontCircuits;
import dev.p21bridge.storefront.StorefrontErrorPolicy;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.storefront.Storefronts;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogFlusherTest {

    private static final TopicPartition PARTITION = new TopicPartition("canonical.inventory", 0);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MemoryWrittenLog log = new MemoryWrittenLog();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RecordingStorefront xcart = new RecordingStorefront(Storefront.XCART, "HX-1", "HX-2");
    private final RecordingStorefront clarity = new RecordingStorefront(Storefront.CLARITY, "HX-1", "HX-2", "CL-ONLY");
    private final RetryConfig retry = new RetryConfig(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), 5, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final SinkContext context = new SinkContext(StorefrontSinkService.settings(retry), producer,
            new RetryBacklog(new MockConsumer<>("earliest")), metrics, clock);
    private final RetryRouter router = context.router();
    private final StorefrontCircuits circuits = new StorefrontCircuits(retry, clock, metrics);
    private Sink sink;

    /** The coalescer, marks and flusher of one run of the service; a restart builds new ones over the same log. */
    private final class Sink implements AutoCloseable {
        final SkuCoalescer coalescer = new SkuCoalescer(metrics, Duration.ZERO, clock);
        final WrittenLevels written = new WrittenLevels(log);
        final PartitionLease lease = new PartitionLease(PARTITION);
        final CatalogFlusher flusher;
        long nextOffset;

        Sink(long firstOffset) {
            written.load();
            nextOffset = firstOffset;
            flusher = new CatalogFlusher(coalescer, List.of(xcart, clarity), written,
                    new StorefrontCalls(new StorefrontErrorPolicy(), circuits, 3), context, 2);
        }

        void offer(String sku, long changedAt, long amount) {
            long offset = nextOffset++;
            lease.offsets().received(offset);
            coalescer.offer(new CatalogUpdate(CatalogUpdate.Kind.STOCK, sku, changedAt, BigDecimal.valueOf(amount)),
                    new ConsumerRecord<>(PARTITION.topic(), 0, offset, sku, ("level " + amount).getBytes(StandardCharsets.UTF_8)),
                    lease);
        }

        /** A level read back from {@code retry.storefront-sink.<level>}, first read at {@code originOffset}. */
        void offerRetry(int level, long originOffset, String sku, long changedAt, long amount) {
            PartitionLease retryLease = new PartitionLease(new TopicPartition("retry.storefront-sink." + level, 0));
            retryLease.offsets().received(0);
            RecordHeaders headers = new RecordHeaders();
            RetryHeaders.write(headers, new RetryState(level, clock.instant(), new Origin(PARTITION.topic(), 0,
                    originOffset)));
            coalescer.offer(new CatalogUpdate(CatalogUpdate.Kind.STOCK, sku, changedAt, BigDecimal.valueOf(amount)),
                    new ConsumerRecord<>("retry.storefront-sink." + level, 0, 0, 0L, TimestampType.CREATE_TIME, -1,
                            -1, sku, ("level " + amount).getBytes(StandardCharsets.UTF_8), headers, Optional.empty()),
                    retryLease);
            retryLeases.add(retryLease);
        }

        final List<PartitionLease> retryLeases = new java.util.ArrayList<>();

        /** A price from canonical.products, with P21's description (null when P21 has none). */
        void offerPrice(String sku, long changedAt, String price, String description) {
            long offset = nextOffset++;
            lease.offsets().received(offset);
            coalescer.offer(CatalogUpdate.price(sku, changedAt, new BigDecimal(price), description),
                    new ConsumerRecord<>(PARTITION.topic(), 0, offset, sku, ("price " + price).getBytes(StandardCharsets.UTF_8)),
                    lease);
        }

        /** A level that says how many units of X-Cart's orders it counts (Clarity sold none). */
        void offerCounting(String sku, long changedAt, long amount, long xcartCounted) {
            long offset = nextOffset++;
            lease.offsets().received(offset);
            coalescer.offer(new CatalogUpdate(CatalogUpdate.Kind.STOCK, sku, changedAt, BigDecimal.valueOf(amount),
                            java.util.Map.of("xcart", BigDecimal.valueOf(xcartCounted))),
                    new ConsumerRecord<>(PARTITION.topic(), 0, offset, sku, ("level " + amount).getBytes(StandardCharsets.UTF_8)),
                    lease);
        }

        /**
         * A level of {@code bridge.resync.stock} for {@code storefronts}, copied from canonical.inventory where it
         * was at {@code originOffset}, counting {@code xcartCounted} units of X-Cart's orders.
         */
        void offerResync(Set<Storefront> storefronts, long originOffset, String sku, long changedAt, long amount,
                         long xcartCounted) {
            PartitionLease resyncLease = new PartitionLease(new TopicPartition("bridge.resync.stock", 0));
            resyncLease.offsets().received(0);
            RecordHeaders headers = new RecordHeaders();
            StockResyncHeaders.write(headers, storefronts, originOffset);
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("bridge.resync.stock", 0, 0, 0L,
                    TimestampType.CREATE_TIME, -1, -1, sku, ("level " + amount).getBytes(StandardCharsets.UTF_8),
                    headers, Optional.empty());
            coalescer.offer(new CatalogUpdate(CatalogUpdate.Kind.STOCK, sku, changedAt, BigDecimal.valueOf(amount),
                    java.util.Map.of("xcart", BigDecimal.valueOf(xcartCounted))),
                    StockResyncHeaders.storefronts(record.headers(), Storefronts.DEFAULT.all()), record, resyncLease);
            retryLeases.add(resyncLease);
        }

        void flush() throws InterruptedException {
            flusher.flush();
        }

        OptionalLong committable() {
            return lease.offsets().positionToCommit();
        }

        @Override
        public void close() {
            flusher.close();
        }
    }

    @BeforeEach
    void setUp() {
        sink = new Sink(0);
    }

    @AfterEach
    void tearDown() {
        sink.close();
    }

    @Test
    void shouldWriteTheDescriptionWithThePriceAndOnlyWhenItDiffers() throws Exception {
        sink.offerPrice("HX-1", 1000, "12.50", "Hex bolt, zinc");
        sink.flush();
        assertThat(xcart.writesOf("HX-1")).containsExactly(new Write("price", "HX-1", new BigDecimal("12.50")));
        assertThat(xcart.descriptions).containsExactly(java.util.Map.entry("HX-1", "Hex bolt, zinc"));
        assertThat(clarity.descriptions).containsExactly(java.util.Map.entry("HX-1", "Hex bolt, zinc"));

        // a new price, same description: only the price is written
        sink.offerPrice("HX-1", 2000, "13.00", "Hex bolt, zinc");
        sink.flush();
        assertThat(xcart.descriptionWrites.get()).isEqualTo(1);
        assertThat(xcart.writesOf("HX-1")).hasSize(2);

        // same price, new description: only the description is written
        sink.offerPrice("HX-1", 3000, "13.00", "Hex bolt, zinc, grade 8");
        sink.flush();
        assertThat(xcart.writesOf("HX-1")).hasSize(2);
        assertThat(xcart.descriptionWrites.get()).isEqualTo(2);
        assertThat(xcart.descriptions).containsEntry("HX-1", "Hex bolt, zinc, grade 8");

        // no description from P21: the storefront's is left as it is
        sink.offerPrice("HX-1", 4000, "13.00", null);
        sink.flush();
        assertThat(xcart.descriptionWrites.get()).isEqualTo(2);
        assertThat(sink.committable()).hasValue(4);
    }

    @Test
    void shouldCoalesceABurstOfDescriptionsLikePricesAndRememberThemAcrossARestart() throws Exception {
        sink.offerPrice("HX-1", 1000, "12.50", "first");
        sink.offerPrice("HX-1", 1001, "12.50", "second");
        sink.offerPrice("HX-1", 1002, "12.50", "third");
        sink.flush();
        assertThat(clarity.descriptionWrites.get()).isEqualTo(1);
        assertThat(clarity.descriptions).containsEntry("HX-1", "third");
        sink.close();

        sink = new Sink(3);
        sink.offerPrice("HX-1", 1003, "12.50", "third");
        sink.flush();
        assertThat(clarity.descriptionWrites.get()).as("the written description is known after a restart").isEqualTo(1);
        assertThat(clarity.writesOf("HX-1")).hasSize(1);
    }

    @Test
    void shouldWriteABurstOnceToEachStorefrontWithTheLatestLevelAndFinishEveryRecord() throws Exception {
        for (int level = 1; level <= 20; level++) {
            sink.offer("HX-1", 1000 + level, level);
        }

        sink.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 20));
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 20));
        assertThat(sink.committable()).hasValue(20);
    }

    @Test
    void shouldNeverRaiseAStorefrontThatSoldOutWithALevelThatLagsBehindItsOrders() throws Exception {
        sink.offerCounting("HX-1", 1000, 100, 0);
        sink.flush();
        for (int order = 0; order < 10; order++) {
            xcart.sell("HX-1", 10);
        }

        sink.offerCounting("HX-1", 1001, 90, 10);
        sink.flush();
        sink.close();
        sink = new Sink(2);
        sink.offerCounting("HX-1", 1005, 50, 50);
        sink.flush();
        sink.offerCounting("HX-1", 1010, 0, 100);
        sink.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 100));
        assertThat(xcart.amounts).containsEntry("HX-1", 0L);
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 100), stock("HX-1", 90),
                stock("HX-1", 50), stock("HX-1", 0));
    }

    @Test
    void shouldRaiseAStorefrontByWhatP21ReceivedButNotByItsOwnUncountedSales() throws Exception {
        sink.offerCounting("HX-1", 1000, 100, 0);
        sink.flush();
        xcart.sell("HX-1", 30);

        sink.offerCounting("HX-1", 2000, 150, 0);
        sink.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 100), stock("HX-1", 120));
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 100), stock("HX-1", 150));
    }

    @Test
    void shouldNotWriteALevelThatChangedBeforeTheOneLastWritten() throws Exception {
        sink.offer("HX-1", 2000, 7);
        sink.flush();
        sink.offer("HX-1", 1000, 3);
        sink.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 7));
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 7));
        assertThat(sink.committable()).hasValue(2);
        assertThat(metrics.counter("storefront.updates.superseded", "kind", "stock", "storefront", "xcart").count())
                .isEqualTo(1);
    }

    @Test
    void shouldWriteNothingAgainWhenARestartedSinkReadsTheSameRecordsOrOlderOnes() throws Exception {
        sink.offer("HX-1", 1000, 3);
        sink.offer("HX-1", 2000, 7);
        sink.flush();
        sink.close();

        sink = new Sink(0);
        sink.offer("HX-1", 1000, 3);
        sink.flush();
        sink.offer("HX-1", 2000, 7);
        sink.offer("HX-1", 1500, 5);
        sink.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 7));
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 7));
        assertThat(sink.committable()).hasValue(3);

        sink.offer("HX-1", 3000, 9);
        sink.flush();
        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 7), stock("HX-1", 9));
    }

    @Test
    void shouldOnlyMoveTheMarkWhenANewerLevelHasTheAmountAlreadyWritten() throws Exception {
        sink.offer("HX-2", 1000, 5);
        sink.flush();
        sink.offer("HX-2", 3000, 5);
        sink.flush();
        sink.offer("HX-2", 2000, 8);
        sink.flush();

        assertThat(xcart.writesOf("HX-2")).containsExactly(stock("HX-2", 5));
        assertThat(sink.written.get(CatalogUpdate.Kind.STOCK, Storefront.XCART, "HX-2")).hasValueSatisfying(
                mark -> assertThat(mark.changedAt()).isEqualTo(3000));
        assertThat(sink.committable()).hasValue(3);
    }

    /**
     * A wiped store (every amount set to 0 by hand): the live flow sees nothing new and the amount lost looks like
     * sales, so only a resync brings the level back, to the storefront named and no other.
     */
    @Test
    void shouldWriteAResyncedLevelAgainToTheStorefrontNamedThoughItsMarkSaysItIsThere() throws Exception {
        sink.offerCounting("HX-1", 1000, 40, 0);
        sink.flush();
        xcart.amounts.put("HX-1", 0L);
        clarity.amounts.put("HX-1", 0L);

        sink.offerResync(Set.of(Storefront.XCART), 0, "HX-1", 1000, 40, 0);
        sink.flush();

        assertThat(xcart.amounts.get("HX-1")).isEqualTo(40);
        assertThat(clarity.amounts.get("HX-1")).as("not named").isZero();
        assertThat(sink.retryLeases.get(0).offsets().positionToCommit()).hasValue(1);
    }

    @Test
    void shouldNeverWriteAResyncedLevelOverANewerOneTheLiveFlowWrote() throws Exception {
        sink.offerCounting("HX-1", 1000, 40, 0);
        sink.offerCounting("HX-1", 2000, 30, 10);
        sink.flush();

        sink.offerResync(Set.of(Storefront.XCART), 0, "HX-1", 1000, 40, 0);
        sink.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 30));
        assertThat(sink.retryLeases.get(0).offsets().positionToCommit()).hasValue(1);
    }

    /**
     * The live flow, writing a newer level to a wiped store, takes the lost amount for sales and writes 0; the
     * resync of that level starts from "every sale is counted" and writes the level.
     */
    @Test
    void shouldWriteTheLevelItselfWhenTheLiveFlowTookAWipeForSales() throws Exception {
        sink.offerCounting("HX-1", 1000, 40, 0);
        sink.flush();
        xcart.amounts.put("HX-1", 0L);
        sink.offerCounting("HX-1", 2000, 38, 0);
        sink.flush();
        assertThat(xcart.amounts.get("HX-1")).isZero();

        sink.offerResync(Set.of(Storefront.XCART), 1, "HX-1", 2000, 38, 0);
        sink.flush();

        assertThat(xcart.amounts.get("HX-1")).isEqualTo(38);
    }

    /**
     * The resync read canonical.inventory before a newer level of the SKU arrived, which the live flow wrote to the
     * wiped store as 0 (it took the wipe for sales): the resync writes that newer level, not the older one it carries.
     */
    @Test
    void shouldWriteTheNewestLevelTakenInWhenAResyncCarriesAnOlderOne() throws Exception {
        CatalogIntake.Context context = new CatalogIntake.Context(this.context, sink.coalescer, new NewestChanges(),
                Set.of(Storefront.XCART, Storefront.CLARITY), circuits);
        Deserializer<InventoryLevel> levels = (topic, data) -> level(new String(data, StandardCharsets.UTF_8));
        CatalogIntake<InventoryLevel> live = CatalogIntake.stock(levels, context);
        CatalogIntake<InventoryLevel> resync = CatalogIntake.resync(levels, context);
        sink.lease.offsets().received(0);
        live.handle(new ConsumerRecord<>(PARTITION.topic(), 0, 0, "HX-1", bytes("HX-1 1000 40")), sink.lease);
        sink.flush();
        xcart.amounts.put("HX-1", 0L);
        sink.lease.offsets().received(1);
        live.handle(new ConsumerRecord<>(PARTITION.topic(), 0, 1, "HX-1", bytes("HX-1 2000 30")), sink.lease);
        sink.flush();
        assertThat(xcart.amounts.get("HX-1")).as("the wipe taken for sales").isZero();

        RecordHeaders headers = new RecordHeaders();
        StockResyncHeaders.write(headers, Set.of(Storefront.XCART), 0);
        PartitionLease resyncLease = new PartitionLease(new TopicPartition("bridge.resync.stock", 0));
        resyncLease.offsets().received(0);
        resync.handle(new ConsumerRecord<>("bridge.resync.stock", 0, 0, 0L, TimestampType.CREATE_TIME, -1, -1,
                "HX-1", bytes("HX-1 1000 40"), headers, Optional.empty()), resyncLease);
        sink.flush();

        assertThat(xcart.amounts.get("HX-1")).isEqualTo(30);
        assertThat(resyncLease.offsets().positionToCommit()).hasValue(1);
    }

    /** "SKU changedAt available", a level counting no storefront's sales. */
    private static InventoryLevel level(String text) {
        String[] parts = text.split(" ");
        return InventoryLevel.newBuilder().setSku(parts[0]).setP21ItemId(parts[0]).setSource(Source.P21)
                .setSourceEventId("e-" + parts[1]).setEventTime(Instant.ofEpochMilli(Long.parseLong(parts[1])))
                .setChangedAt(Instant.ofEpochMilli(Long.parseLong(parts[1]))).setLocations(List.of())
                .setReserved(new BigDecimal("0.0000")).setAvailable(new BigDecimal(parts[2]).setScale(4))
                .setStorefrontSales(List.of()).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRetryATransientFailureWithoutWritingAgainWhereTheWriteSucceeded() throws Exception {
        clarity.failNext.set(1);
        sink.offer("HX-1", 1000, 4);

        sink.flush();
        assertThat(sink.committable()).isEmpty();
        sink.flush();
        assertThat(clarity.writesOf("HX-1")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        sink.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(stock("HX-1", 4));
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 4));
        assertThat(sink.committable()).hasValue(1);
    }

    @Test
    void shouldDeadLetterARefusalWithTheStorefrontsWordsAndFinishTheRecords() throws Exception {
        xcart.failStatus = 400;
        xcart.failNext.set(1);
        sink.offer("HX-1", 1000, 4);

        sink.flush();

        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("dlq.storefront-sink");
            assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("rejected-by-target");
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                    .isEqualTo("X-Cart refused the stock of HX-1: Bad Request");
            assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("storefront-sink");
        });
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 4));
        assertThat(sink.committable()).hasValue(1);
    }

    @Test
    void shouldDeadLetterAnUpdateWhoseWriteThrowsUnexpectedlyAsInternalAndFinishTheRecords() throws Exception {
        xcart.failWith = new IllegalStateException("a bug quoting dana@example.com");
        sink.offer("HX-1", 1000, 4);

        sink.flush();

        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("internal");
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                    .contains("java.lang.IllegalStateException").doesNotContain("dana@example.com");
        });
        assertThat(sink.committable()).hasValue(1);
    }

    @Test
    void shouldSkipASkuAStorefrontDoesNotSellAndStillFinishTheRecord() throws Exception {
        sink.offer("CL-ONLY", 1000, 4);

        sink.flush();

        assertThat(xcart.writes).isEmpty();
        assertThat(clarity.writesOf("CL-ONLY")).containsExactly(stock("CL-ONLY", 4));
        assertThat(metrics.counter("storefront.updates.unknown.sku", "kind", "stock", "storefront", "xcart").count())
                .isEqualTo(1);
        assertThat(sink.committable()).hasValue(1);
    }

    @Test
    void shouldHoldTheRecordsBackUntilTheirMarksAreDurable() throws Exception {
        log.failing = true;
        sink.offer("HX-1", 1000, 4);

        sink.flush();
        assertThat(sink.committable()).isEmpty();

        log.failing = false;
        clock.advance(Duration.ofSeconds(1));
        sink.flush();

        assertThat(sink.committable()).hasValue(1);
        assertThat(log.entries).extracting(e -> e.getKey()).containsExactlyInAnyOrder("stock:xcart:HX-1",
                "stock:clarity:HX-1");
    }

    @Test
    void shouldMoveAnUpdateToTheFirstRetryLevelAfterItsTriesInPlaceAndFinishItsRecords() throws Exception {
        xcart.failNext.set(3);
        sink.offer("HX-1", 1000, 4);

        for (int i = 0; i < 3; i++) {
            sink.flush();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(producer.history()).singleElement().satisfies(retry -> {
            assertThat(retry.topic()).isEqualTo("retry.storefront-sink.1");
            assertThat(retry.key()).isEqualTo("HX-1");
            assertThat(RetryHeaders.read(retry.headers())).hasValueSatisfying(state -> {
                assertThat(state.attempt()).isEqualTo(1);
                assertThat(state.origin()).isEqualTo(new Origin("canonical.inventory", 0, 0));
            });
        });
        assertThat(clarity.writesOf("HX-1")).containsExactly(stock("HX-1", 4));
        assertThat(xcart.writesOf("HX-1")).isEmpty();
        assertThat(sink.committable()).hasValue(1);
    }

    @Test
    void shouldMoveAnUpdateOnAtOnceWhileItsStorefrontsCircuitIsOpen() throws Exception {
        openCircuit(Storefront.XCART);
        xcart.failNext.set(1);
        sink.offer("HX-1", 1000, 4);

        sink.flush();

        assertThat(producer.history()).singleElement().satisfies(retry ->
                assertThat(retry.topic()).isEqualTo("retry.storefront-sink.1"));
        assertThat(sink.committable()).hasValue(1);
    }

    @Test
    void shouldHoldAnUpdateReadBackFromRetryWhileItsStorefrontIsDownWithoutSpendingALevel() throws Exception {
        openCircuit(Storefront.XCART);
        xcart.failNext.set(1);
        sink.offerRetry(2, 7, "HX-1", 1000, 4);

        sink.flush();

        assertThat(producer.history()).isEmpty();
        assertThat(sink.retryLeases.get(0).offsets().positionToCommit()).isEmpty();
        assertThat(metrics.counter("storefront.retry.held", "level", "2").count()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAnUpdateThatFailsAtTheLastLevelAsRetriesExhaustedNamingItsSourceTopic() throws Exception {
        xcart.failNext.set(3);
        sink.offerRetry(3, 7, "HX-1", 1000, 4);

        for (int i = 0; i < 3; i++) {
            sink.flush();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("dlq.storefront-sink");
            assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("retries-exhausted");
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.inventory");
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("7");
            assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        });
        assertThat(sink.retryLeases.get(0).offsets().positionToCommit()).hasValue(1);
        assertThat(metrics.counter("storefront.dead.letters", "class", "retries-exhausted").count()).isEqualTo(1);
    }

    @Test
    void shouldMarkAWriteReadBackFromRetryWithTheOffsetOfItsSourceRecord() throws Exception {
        sink.offerRetry(1, 7, "HX-1", 1000, 4);

        sink.flush();

        assertThat(sink.written.get(CatalogUpdate.Kind.STOCK, Storefront.XCART, "HX-1")).hasValueSatisfying(
                mark -> assertThat(mark.offset()).isEqualTo(7));
        assertThat(sink.retryLeases.get(0).offsets().positionToCommit()).hasValue(1);
    }

    private void openCircuit(Storefront storefront) {
        CircuitBreaker breaker = circuits.of(storefront);
        for (int i = 0; i < retry.circuitFailures(); i++) {
            breaker.failed(breaker.tryAcquire().orElseThrow());
        }
    }

    private static Write stock(String sku, long amount) {
        return new Write("stock", sku, BigDecimal.valueOf(amount));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
