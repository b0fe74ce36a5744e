package dev.p21bridge.transformer;

import static dev.p21bridge.transformer.InventoryTopologyTest.T0;
import static dev.p21bridge.transformer.InventoryTopologyTest.qty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.StockLocation;
import dev.p21bridge.transformer.inventory.ReservationTotals;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bursts: many orders against little stock, many P21 stock changes at once. */
class InventoryBurstTest {

    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TransformerDriver p21;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        p21 = new TransformerDriver(registry.url(), stateDir, Map.of(), T0);
    }

    @AfterEach
    void tearDown() {
        p21.close();
    }

    /**
     * 500 one-unit orders, one every 10 ms, against 100 in stock. P21 creates and allocates each order 25 ms after it
     * was placed, its accepted status (modified then) reaches the transformer 5 ms later, and the poller reads the
     * changed stock row every 40 ms. After every event no emitted level may be negative or promise more than P21's
     * stock minus every order placed so far.
     */
    @Test
    void shouldNeverOverstateOrGoNegativeWhile500OrdersHit100InStock() {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            Instant placed = T0.plusSeconds(1).plusMillis(10L * i);
            events.add(new Event(placed, "order", i));
            events.add(new Event(placed.plusMillis(30), "accepted", i));
        }
        for (Instant poll = T0.plusSeconds(1); poll.isBefore(T0.plusSeconds(7)); poll = poll.plusMillis(40)) {
            events.add(new Event(poll, "poll", 0));
        }
        events.sort(Comparator.comparing(Event::at).thenComparing(Event::kind));

        p21.reading("A", 10, 100, 0, T0);
        int placed = 0;
        long lastModified = T0.toEpochMilli();
        BigDecimal maxReserved = BigDecimal.ZERO;
        List<InventoryLevel> all = new ArrayList<>(p21.inventory.readValuesToList());
        for (Event event : events) {
            switch (event.kind()) {
                case "order" -> {
                    p21.order("xcart:" + event.order(), "A", 1, event.at());
                    placed++;
                }
                case "accepted" -> p21.status("xcart:" + event.order(), OrderStatusCode.ACCEPTED,
                        event.at().minusMillis(5));
                default -> {
                    // P21 allocated order k at placed(k) + 25 ms; the row carries the time of the latest allocation
                    int allocated = (int) Math.min(500, Math.max(0, (event.at().toEpochMilli() - T0.toEpochMilli() - 1_025) / 10));
                    long modified = T0.toEpochMilli() + 1_025 + 10L * allocated;
                    if (allocated > 0 && modified > lastModified) {
                        p21.reading("A", 10, 100, allocated, Instant.ofEpochMilli(modified));
                        lastModified = modified;
                    }
                }
            }
            for (InventoryLevel level : p21.inventory.readValuesToList()) {
                assertThat(level.getAvailable()).isBetween(qty(0), qty(Math.max(0, 100 - placed)));
                maxReserved = maxReserved.max(level.getReserved());
                all.add(level);
            }
        }
        p21.reading("A", 10, 100, 500, T0.plusSeconds(60));

        InventoryLevel last = p21.inventory.readValue();
        assertThat(last.getAvailable()).isEqualTo(qty(0));
        assertThat(last.getReserved()).isEqualTo(qty(0));
        assertThat(maxReserved).as("readings take over from reservations during the burst").isLessThan(qty(50));
        assertThat(all).extracting(InventoryLevel::getAvailable).contains(qty(99), qty(1), qty(0));
        assertThat(all).extracting(InventoryLevel::getChangedAt).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void shouldEndEachSkuAtP21sFinalLevelAfter10000ChangesOver200Skus() {
        Random random = new Random(42);
        Map<String, Map<String, StockLocation>> latest = new HashMap<>();
        Map<String, Instant> newest = new HashMap<>();
        Instant at = T0;
        for (int i = 0; i < 10_000; i++) {
            String item = "SKU-%03d".formatted(random.nextInt(200));
            int location = random.nextBoolean() ? 10 : 20;
            int onHand = random.nextInt(500);
            int allocated = random.nextInt(50);
            at = at.plusMillis(1 + random.nextInt(5));
            p21.reading(item, location, onHand, allocated, at);
            latest.computeIfAbsent(item, k -> new TreeMap<>()).put(Integer.toString(location), new StockLocation(
                    Integer.toString(location), qty(onHand), qty(allocated), qty(Math.max(0, onHand - allocated)), at));
            newest.put(item, at);
        }

        Map<String, InventoryLevel> levels = p21.inventory.readKeyValuesToMap();
        assertThat(levels).hasSize(latest.size());
        latest.forEach((item, locations) -> {
            InventoryLevel level = levels.get(item);
            BigDecimal free = locations.values().stream().map(l -> l.getOnHand().subtract(l.getAllocated()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(level.getLocations()).containsExactlyElementsOf(locations.values());
            assertThat(level.getAvailable()).isEqualTo(free.max(BigDecimal.ZERO).setScale(4));
            assertThat(level.getReserved()).isEqualTo(qty(0));
            assertThat(level.getChangedAt()).isEqualTo(newest.get(item));
        });
    }

    private record Event(Instant at, String kind, int order) {
    }

    /**
     * A hot item whose orders P21 has not confirmed yet keeps one store entry per order: the changelog never holds a
     * record that grows with the number of open orders (one such value passed Kafka's 1 MiB record limit at some
     * 30,000 open orders and stopped the stream).
     */
    @Test
    void shouldKeepOneSmallStoreEntryPerOpenReservation() {
        p21.reading("A", 10, 100_000, 0, T0);
        for (int i = 1; i <= 5_000; i++) {
            p21.order("xcart:hot-" + i, "A", 1, T0.plusSeconds(1).plusMillis(i));
        }
        assertThat(p21.inventory.readValuesToList()).last()
                .satisfies(level -> assertThat(level.getReserved()).isEqualTo(qty(5_000)));
        org.apache.kafka.streams.state.KeyValueStore<String, Object> store = p21.driver.getKeyValueStore(TransformerTopology.RESERVATIONS);
        int entries = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                entries++;
            }
        }
        assertThat(entries).isEqualTo(5_000);
    }

    /**
     * State written before the per-item totals were kept has reservations and no totals: the next order of the item
     * reads them all once, counts them, and from then on the totals are kept (an order then reads only its own).
     */
    @Test
    void shouldCountReservationsKeptBeforeTheirTotalsWereStored() {
        p21.reading("A", 10, 100, 0, T0);
        for (int i = 1; i <= 3; i++) {
            p21.order("xcart:old-" + i, "A", 2, T0.plusSeconds(1).plusMillis(i));
        }
        org.apache.kafka.streams.state.KeyValueStore<String, Object> totals =
                p21.driver.getKeyValueStore(TransformerTopology.RESERVATION_TOTALS);
        totals.delete("A");

        p21.order("xcart:new-1", "A", 1, T0.plusSeconds(2));
        p21.order("xcart:new-2", "A", 1, T0.plusSeconds(3));

        assertThat(p21.inventory.readValuesToList()).last()
                .satisfies(level -> assertThat(level.getReserved()).isEqualTo(qty(8)));
        assertThat(((ReservationTotals) totals.get("A")).count()).isEqualTo(5);
    }

    /**
     * A reading releases exactly the reservations confirmed at or before it was modified, whichever order the
     * confirmations came in, while many others stay open (it finds them through the confirmation index).
     */
    @Test
    void shouldReleaseExactlyTheReservationsConfirmedByTheReadingsTime() {
        p21.reading("A", 10, 10_000, 0, T0);
        for (int i = 1; i <= 1_000; i++) {
            p21.order("xcart:open-" + i, "A", 1, T0.plusSeconds(1).plusMillis(i));
        }
        for (int i = 1; i <= 5; i++) {
            p21.order("xcart:c-" + i, "A", 10, T0.plusSeconds(2).plusMillis(i));
        }
        // confirmed out of time order: c-5 first (latest time), c-1 last (earliest)
        for (int i = 5; i >= 1; i--) {
            p21.status("xcart:c-" + i, OrderStatusCode.ACCEPTED, T0.plusSeconds(10 + i));
        }
        p21.reading("A", 10, 10_000, 30, T0.plusSeconds(13));
        p21.reading("A", 10, 10_000, 50, T0.plusSeconds(20));

        List<InventoryLevel> levels = p21.inventory.readValuesToList();
        InventoryLevel afterFirst = levels.get(levels.size() - 2);
        InventoryLevel afterSecond = levels.get(levels.size() - 1);
        assertThat(afterFirst.getReserved()).isEqualTo(qty(1_000 + 20));   // c-1..c-3 released, c-4, c-5 held
        assertThat(afterFirst.getAvailable()).isEqualTo(qty(10_000 - 30 - 1_020));
        assertThat(afterSecond.getReserved()).isEqualTo(qty(1_000));
        assertThat(afterSecond.getAvailable()).isEqualTo(qty(10_000 - 50 - 1_000));
        org.apache.kafka.streams.state.KeyValueStore<String, Object> index =
                p21.driver.getKeyValueStore(TransformerTopology.RESERVATIONS_CONFIRMED);
        try (var all = index.all()) {
            assertThat(all.hasNext()).as("index entries left after every confirmed reservation was released").isFalse();
        }
    }

    /**
     * State written before the confirmation index was kept has confirmed reservations that no index entry names and
     * totals without the flag: the next reading of the item reads them all once, releases what it contains and
     * writes the index, so none waits for the time to live.
     */
    @Test
    void shouldReleaseConfirmedReservationsKeptBeforeTheIndexWas() {
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:old-1", "A", 5, T0.plusSeconds(1));
        p21.order("xcart:old-2", "A", 7, T0.plusSeconds(1));
        p21.status("xcart:old-1", OrderStatusCode.ACCEPTED, T0.plusSeconds(2));
        p21.status("xcart:old-2", OrderStatusCode.ACCEPTED, T0.plusSeconds(4));
        org.apache.kafka.streams.state.KeyValueStore<String, Object> index =
                p21.driver.getKeyValueStore(TransformerTopology.RESERVATIONS_CONFIRMED);
        org.apache.kafka.streams.state.KeyValueStore<String, Object> totals =
                p21.driver.getKeyValueStore(TransformerTopology.RESERVATION_TOTALS);
        List<String> keys = new ArrayList<>();
        try (var all = index.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        assertThat(keys).hasSize(2);
        keys.forEach(index::delete);
        ReservationTotals kept = (ReservationTotals) totals.get("A");
        totals.put("A", new ReservationTotals(kept.count(), kept.reserved(), kept.oldestReservedAt(), false));

        p21.reading("A", 10, 100, 5, T0.plusSeconds(3));
        p21.reading("A", 10, 100, 12, T0.plusSeconds(5));

        List<InventoryLevel> levels = p21.inventory.readValuesToList();
        assertThat(levels.get(levels.size() - 2).getReserved()).isEqualTo(qty(7));
        assertThat(levels.get(levels.size() - 1).getReserved()).isEqualTo(qty(0));
        assertThat(levels.get(levels.size() - 1).getAvailable()).isEqualTo(qty(88));
    }

    /** An index entry whose reservation is gone (never written so, but state can be old) is dropped, not fatal. */
    @Test
    void shouldDropAnIndexEntryWhoseReservationIsGone() {
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.status("xcart:1", OrderStatusCode.ACCEPTED, T0.plusSeconds(2));
        org.apache.kafka.streams.state.KeyValueStore<String, Object> index =
                p21.driver.getKeyValueStore(TransformerTopology.RESERVATIONS_CONFIRMED);
        String stale = "A\u0001" + String.format("%019d", T0.plusMillis(1_500).toEpochMilli()) + "\u0001xcart:gone";
        index.put(stale, "xcart:gone");

        p21.reading("A", 10, 100, 10, T0.plusSeconds(3));

        assertThat(p21.inventory.readValuesToList()).last()
                .satisfies(level -> assertThat(level.getReserved()).isEqualTo(qty(0)))
                .satisfies(level -> assertThat(level.getAvailable()).isEqualTo(qty(90)));
        assertThat(index.get(stale)).isNull();
    }
}
