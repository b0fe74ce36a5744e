package dev.p21bridge.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.StockLocation;
import dev.p21bridge.schemas.StorefrontSales;
import dev.p21bridge.storefront.RecordingStorefront;
import dev.p21bridge.storefront.RecordingStorefront.Write;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontCircuits;
import dev.p21bridge.storefront.StorefrontErrorPolicy;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each store gets its own share of one level: a store with its own stock locations the sum of theirs less what is
 * reserved, a store without exactly the level's available, as before stores; marks and uncounted sales per store.
 */
class StoreStockTest {

    private static final TopicPartition PARTITION = new TopicPartition("canonical.inventory", 0);
    private static final Storefront US = new Storefront("us", StorePlatform.XCART, List.of("10"));
    private static final Storefront CA = new Storefront("ca", StorePlatform.XCART, List.of("20", "30"));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MemoryWrittenLog log = new MemoryWrittenLog();
    private final RetryConfig retry = new RetryConfig(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), 5, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final SinkContext context = new SinkContext(StorefrontSinkService.settings(retry),
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
            new RetryBacklog(new MockConsumer<>("earliest")), metrics, clock);
    private final StorefrontCircuits circuits = new StorefrontCircuits(List.of(Storefront.XCART, US, CA), retry, clock,
            metrics);
    private final RecordingStorefront xcart = new RecordingStorefront(Storefront.XCART, "HX-1");
    private final RecordingStorefront us = new RecordingStorefront(US, "HX-1");
    private final RecordingStorefront ca = new RecordingStorefront(CA, "HX-1");
    private final SkuCoalescer coalescer = new SkuCoalescer(metrics, Duration.ZERO, clock);
    private final WrittenLevels written = new WrittenLevels(log);
    private final PartitionLease lease = new PartitionLease(PARTITION);
    private final CatalogFlusher flusher = new CatalogFlusher(coalescer, List.of(xcart, us, ca), written,
            new StorefrontCalls(new StorefrontErrorPolicy(), circuits, 3), context, 2);
    private long nextOffset;

    @AfterEach
    void tearDown() {
        flusher.close();
    }

    @Test
    void shouldGiveEachStoreTheStockOfItsOwnLocationsLessReservedAndTheOthersTheLevelsAvailable() {
        CatalogUpdate update = CatalogUpdate.stock(level(1000, Map.of("10", "40", "20", "15", "30", "7.5"), "3",
                "50", null));

        assertThat(update.amountFor(Storefront.XCART)).isEqualByComparingTo("50");
        assertThat(update.amountFor(US)).isEqualByComparingTo("37");
        assertThat(update.amountFor(CA)).as("15 + 7.5 - 3, whole units only").isEqualByComparingTo("19");
        assertThat(update.amountFor(new Storefront("eu", StorePlatform.XCART, List.of("99"))))
                .as("a location the level does not list has nothing; reserved never makes it negative")
                .isEqualByComparingTo("0");
    }

    @Test
    void shouldWriteTwoXCartStoresDifferentAmountsFromOneLevelAndEachOnlyWhenItsShareChanged() throws Exception {
        offer(level(1000, Map.of("10", "40", "20", "15", "30", "7"), "2", "60", null));
        flusher.flush();

        assertThat(xcart.writesOf("HX-1")).containsExactly(new Write("stock", "HX-1", BigDecimal.valueOf(60)));
        assertThat(us.writesOf("HX-1")).containsExactly(new Write("stock", "HX-1", BigDecimal.valueOf(38)));
        assertThat(ca.writesOf("HX-1")).containsExactly(new Write("stock", "HX-1", BigDecimal.valueOf(20)));
        assertThat(written.get(CatalogUpdate.Kind.STOCK, CA, "HX-1")).hasValueSatisfying(mark ->
                assertThat(mark.value()).isEqualByComparingTo("20"));
        assertThat(log.entries).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("stock:xcart:HX-1", "stock:us:HX-1", "stock:ca:HX-1");

        // location 20 sold 5 in P21: Canada's share and the bridge-wide available drop, the US share does not
        offer(level(2000, Map.of("10", "40", "20", "10", "30", "7"), "2", "55", null));
        flusher.flush();

        assertThat(us.writesOf("HX-1")).hasSize(1);
        assertThat(ca.writesOf("HX-1")).last().isEqualTo(new Write("stock", "HX-1", BigDecimal.valueOf(15)));
        assertThat(xcart.writesOf("HX-1")).last().isEqualTo(new Write("stock", "HX-1", BigDecimal.valueOf(55)));
        assertThat(metrics.counter("storefront.updates.unchanged", "kind", "stock", "storefront", "us").count())
                .isEqualTo(1);
    }

    @Test
    void shouldNeverWriteAnOlderLevelOverANewerOnePerStore() throws Exception {
        offer(level(2000, Map.of("10", "40", "20", "15"), "0", "55", null));
        flusher.flush();
        offer(level(1000, Map.of("10", "1", "20", "1"), "0", "2", null));
        flusher.flush();

        assertThat(us.writesOf("HX-1")).containsExactly(new Write("stock", "HX-1", BigDecimal.valueOf(40)));
        assertThat(ca.writesOf("HX-1")).containsExactly(new Write("stock", "HX-1", BigDecimal.valueOf(15)));
        assertThat(metrics.counter("storefront.updates.superseded", "kind", "stock", "storefront", "ca").count())
                .isEqualTo(1);
    }

    @Test
    void shouldMatchEachStoresUncountedSalesByItsNameAndAnUnnamedEntryByItsSource() throws Exception {
        List<StorefrontSales> counted = List.of(sales(Source.XCART, null, "4"), sales(Source.XCART, "us", "0"),
                sales(Source.XCART, "ca", "6"), sales(Source.CLARITY, null, "2"));
        CatalogUpdate update = CatalogUpdate.stock(level(1000, Map.of("10", "40"), "0", "40", counted));

        assertThat(update.countedFor(Storefront.XCART)).isEqualByComparingTo("4");
        assertThat(update.countedFor(CA)).isEqualByComparingTo("6");
        assertThat(update.countedFor(US)).isEqualByComparingTo("0");
        assertThat(update.countedFor(Storefront.CLARITY)).isEqualByComparingTo("2");

        // a first write: every sale counted, each store gets its share
        offer(level(1000, Map.of("10", "40", "20", "30"), "0", "70", counted));
        flusher.flush();
        assertThat(us.amounts).containsEntry("HX-1", 40L);
        assertThat(ca.amounts).containsEntry("HX-1", 30L);

        // Canada sells 3 whose order no level counts yet; the US sells nothing
        ca.sell("HX-1", 3);
        offer(level(2000, Map.of("10", "40", "20", "30"), "0", "70", counted));
        flusher.flush();

        assertThat(ca.amounts).as("Canada's sale is not handed back").containsEntry("HX-1", 27L);
        assertThat(us.amounts).containsEntry("HX-1", 40L);

        // the level counts Canada's order now (its units under "ca"): Canada shows the level, the US is unaffected
        List<StorefrontSales> countedLater = List.of(sales(Source.XCART, null, "4"), sales(Source.XCART, "us", "0"),
                sales(Source.XCART, "ca", "9"), sales(Source.CLARITY, null, "2"));
        offer(level(3000, Map.of("10", "40", "20", "27"), "0", "67", countedLater));
        flusher.flush();

        assertThat(ca.amounts).containsEntry("HX-1", 27L);
        assertThat(us.amounts).containsEntry("HX-1", 40L);
        assertThat(written.get(CatalogUpdate.Kind.STOCK, CA, "HX-1")).hasValueSatisfying(mark ->
                assertThat(mark.basis().total()).isZero());
    }

    @Test
    void shouldResyncOnlyTheStoreNamedWithItsOwnShare() throws Exception {
        InventoryLevel level = level(1000, Map.of("10", "40", "20", "15"), "0", "55", null);
        offer(level);
        flusher.flush();
        ca.amounts.put("HX-1", 0L);
        us.amounts.put("HX-1", 0L);

        // ./bridge resync stock --store ca: the level copied from canonical.inventory offset 0, headed for ca only
        RecordHeaders headers = new RecordHeaders();
        StockResyncHeaders.write(headers, java.util.Set.of(CA), 0);
        PartitionLease resyncLease = new PartitionLease(new TopicPartition("bridge.resync.stock", 0));
        resyncLease.offsets().received(0);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("bridge.resync.stock", 0, 0, 0L,
                TimestampType.CREATE_TIME, -1, -1, "HX-1", "level".getBytes(StandardCharsets.UTF_8), headers,
                Optional.empty());
        coalescer.offer(CatalogUpdate.stock(level), StockResyncHeaders.storefronts(headers,
                List.of(Storefront.XCART, US, CA)), record, resyncLease);
        flusher.flush();

        assertThat(ca.amounts).containsEntry("HX-1", 15L);
        assertThat(ca.writesOf("HX-1")).hasSize(2);
        assertThat(us.amounts).as("not named: its mark says the level is there").containsEntry("HX-1", 0L);
        assertThat(us.writesOf("HX-1")).hasSize(1);
        assertThat(resyncLease.offsets().positionToCommit()).hasValue(1);
    }

    private void offer(InventoryLevel level) {
        long offset = nextOffset++;
        lease.offsets().received(offset);
        coalescer.offer(CatalogUpdate.stock(level), new ConsumerRecord<>(PARTITION.topic(), 0, offset, level.getSku(),
                "level".getBytes(StandardCharsets.UTF_8)), lease);
    }

    private static StorefrontSales sales(Source source, String store, String units) {
        return StorefrontSales.newBuilder().setSource(source).setStore(store).setUnits(scaled(units)).build();
    }

    /** A level of HX-1 with the given available per location, reserved, bridge-wide available and counted sales. */
    private static InventoryLevel level(long changedAtMillis, Map<String, String> available, String reserved,
                                        String total, List<StorefrontSales> sales) {
        Instant changedAt = Instant.ofEpochMilli(changedAtMillis);
        List<StockLocation> locations = new ArrayList<>();
        new LinkedHashMap<>(available).forEach((id, amount) -> locations.add(StockLocation.newBuilder()
                .setLocationId(id).setOnHand(scaled(amount)).setAllocated(scaled("0")).setAvailable(scaled(amount))
                .setChangedAt(changedAt).build()));
        return InventoryLevel.newBuilder().setSku("HX-1").setP21ItemId("HX-1").setSource(Source.P21)
                .setSourceEventId("evt-" + changedAtMillis).setEventTime(changedAt).setChangedAt(changedAt)
                .setLocations(locations).setReserved(scaled(reserved)).setAvailable(scaled(total))
                .setStorefrontSales(sales).build();
    }

    private static BigDecimal scaled(String value) {
        return new BigDecimal(value).setScale(4, RoundingMode.UNNECESSARY);
    }
}
