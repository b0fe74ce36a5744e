package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.StorefrontSkus;
import dev.p21bridge.transformer.TransformerConfig;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stock per P21 item with storefront reservations, keyed by item (all inputs are partitioned by it). Emits an
 * {@code InventoryLevel} under each storefront SKU of the item whenever the level changes: a newer P21 reading, a
 * new order's reservation, a reservation released.
 *
 * <p>The rule: a reservation opens when the storefront order reaches the bridge, so a burst of orders lowers
 * available at once. It is released by the first P21 reading of the item modified at or after the order's
 * confirmation (P21 had allocated the order by then, so that reading contains it: counted once, never twice, never
 * missing), or when the confirmation arrives and such a reading is already held, or after the time to live when
 * neither happens. Levels are emitted only once a reading of the item is known: without one the bridge knows
 * nothing about its stock.
 *
 * <p>Every level also says how many units of each storefront's orders it has counted so far
 * ({@code storefrontSales}, cumulative). An order counts once it reaches this processor, also when it is too old to
 * reserve: the storefront-sink subtracts a storefront's own sales that no level counts yet, so a level that lags
 * behind the storefront's checkout never raises the storefront's stock back (see {@code UncountedSales}).
 */
public final class InventoryProcessor implements Processor<String, InventoryInput, String, InventoryLevel> {

    private final TransformerConfig config;
    private final String stockStoreName;
    private final String reservationStoreName;
    private final String totalsStoreName;
    private final String confirmedStoreName;
    private final String skuStoreName;
    private ProcessorContext<String, InventoryLevel> context;
    private KeyValueStore<String, ItemStock> stocks;
    private ReservationStore reservations;
    private StorefrontSkus skus;

    public InventoryProcessor(TransformerConfig config, String stockStoreName, String reservationStoreName,
                              String totalsStoreName, String confirmedStoreName, String skuStoreName) {
        this.config = config;
        this.stockStoreName = stockStoreName;
        this.reservationStoreName = reservationStoreName;
        this.totalsStoreName = totalsStoreName;
        this.confirmedStoreName = confirmedStoreName;
        this.skuStoreName = skuStoreName;
    }

    /** How often expired reservations are looked for: a tenth of the time to live, between 1 s and 1 min. */
    public static Duration expiryInterval(Duration ttl) {
        return Duration.ofSeconds(Math.max(1, Math.min(60, ttl.toSeconds() / 10)));
    }

    @Override
    public void init(ProcessorContext<String, InventoryLevel> context) {
        this.context = context;
        this.stocks = context.getStateStore(stockStoreName);
        this.reservations = new ReservationStore(context.getStateStore(reservationStoreName),
                context.getStateStore(totalsStoreName), context.getStateStore(confirmedStoreName));
        this.skus = new StorefrontSkus(config.skuCrossReference(), context.getStateStore(skuStoreName));
        skus.refresh();
        context.schedule(StorefrontSkus.REFRESH, PunctuationType.WALL_CLOCK_TIME, now -> skus.refresh());
        context.schedule(expiryInterval(config.reservationTtl()), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, InventoryInput> record) {
        String item = record.key();
        long now = context.currentSystemTimeMs();
        ItemStock stock = stocks.get(item);
        InventoryInput input = record.value();
        ItemReservations before = load(item, input, now);
        ItemReservations held = before.expiredBefore(expiryCutoff(now));
        LevelCause cause = null;
        if (input.reading() != null && (stock == null || stock.accepts(input.reading()))) {
            StockReading reading = input.reading();
            stock = stock == null ? ItemStock.first(reading) : stock.with(reading);
            held = held.releasedBy(reading.modifiedAt());
            cause = new LevelCause(Source.P21, reading.eventId(), reading.eventTime(), stock.newestReadingAt());
        } else if (input.reserve() != null && !held.holds(input.reserve().orderKey())) {
            InventoryInput.Reserve reserve = input.reserve();
            if (stock != null) {
                stock = stock.sold(Store.nameInKey(reserve.orderKey()), reserve.quantity());
            }
            if (reserve.orderTime() >= expiryCutoff(now)) {
                held = held.reserve(reserve);
                cause = new LevelCause(reserve.source(), reserve.eventId(), reserve.orderTime(), reserve.orderTime());
            } else if (stock != null) {
                // too old to hold stock, but the storefront sold it: the next level counts it, none is due now
                stocks.put(item, stock);
            }
        } else if (input.confirm() != null) {
            held = held.confirm(input.confirm().orderKey(), input.confirm().confirmedAt());
            if (stock != null) {
                held = held.releasedBy(stock.newestReadingAt());
            }
        }
        if (cause == null && !before.byOrder().keySet().equals(held.byOrder().keySet())) {
            cause = new LevelCause(Source.P21, "reservation-released:" + item, record.timestamp(),
                    stock == null ? now : stock.newestReadingAt());
        }
        settle(item, stock, before, held, cause, record.timestamp());
    }

    /**
     * A new order or a confirmation touches one reservation: it reads that one and the item's totals; a reading reads
     * the confirmed reservations it may release and the totals. All are read when one of them may have expired.
     */
    private ItemReservations load(String item, InventoryInput input, long now) {
        long cutoff = expiryCutoff(now);
        ItemReservations partial = input.reading() != null
                ? reservations.loadReleasable(item, input.reading().modifiedAt(), cutoff)
                : input.reserve() != null ? reservations.loadOne(item, input.reserve().orderKey(), cutoff)
                : input.confirm() != null ? reservations.loadOne(item, input.confirm().orderKey(), cutoff) : null;
        return partial != null ? partial : reservations.load(item);
    }

    /** Wall-clock punctuation: releases the reservations older than the time to live and emits the new levels. */
    private void expire(long now) {
        for (String item : reservations.itemsReservedBefore(expiryCutoff(now))) {
            ItemReservations held = reservations.load(item);
            settle(item, stocks.get(item), held, held.expiredBefore(expiryCutoff(now)),
                    new LevelCause(Source.P21, "reservation-expired:" + item, now, now), now);
        }
    }

    private long expiryCutoff(long now) {
        return now - config.reservationTtl().toMillis();
    }

    private void settle(String item, ItemStock stock, ItemReservations before, ItemReservations held, LevelCause cause,
                        long timestamp) {
        if (!held.equals(before)) {
            reservations.save(item, before, held);
        }
        if (cause == null || stock == null) {
            return;
        }
        long changedAt = Math.max(stock.lastChangedAt(), cause.changedAt());
        for (String sku : skus.of(stock.itemId())) {
            InventoryLevel level = InventoryLevels.of(sku, stock, held, config::sellsFrom, config::storeSource, cause,
                    changedAt);
            context.forward(new Record<>(sku, level, timestamp));
        }
        stocks.put(item, stock.emittedAt(changedAt));
    }
}
