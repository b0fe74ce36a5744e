package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.storefront.CatalogUpdates;
import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SkuCoalescerTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(0));
    private final SkuCoalescer coalescer = new SkuCoalescer(metrics, Duration.ZERO, clock);
    private final PartitionLease lease = new PartitionLease(new TopicPartition("canonical.inventory", 0));
    private long offset;

    @Test
    void shouldTurnABurstForOneSkuIntoOneUpdateWithTheLatestLevelCoveringEveryRecord() {
        for (int level = 1; level <= 50; level++) {
            offer(stock("HX-1", 1000 + level, level));
        }

        assertThat(coalescer.drainDue(0)).singleElement().satisfies(update -> {
            assertThat(update.update().value()).isEqualByComparingTo("50");
            assertThat(update.record().offset()).isEqualTo(49);
            assertThat(update.covered()).hasSize(50);
        });
        assertThat(metrics.counter("storefront.updates.coalesced", "kind", "stock").count()).isEqualTo(49);
        assertThat(coalescer.size()).isZero();
    }

    @Test
    void shouldNeverLetALevelThatChangedEarlierReplaceOneThatChangedLater() {
        offer(stock("HX-2", 2000, 7));
        offer(stock("HX-2", 1500, 3));

        PendingUpdate update = coalescer.drainDue(0).get(0);
        assertThat(update.update().value()).isEqualByComparingTo("7");
        assertThat(update.covered()).hasSize(2);
    }

    @Test
    void shouldLetTheLaterRecordWinWhenTwoLevelsChangedAtTheSameMoment() {
        offer(stock("HX-3", 3000, 7));
        offer(stock("HX-3", 3000, 9));

        assertThat(coalescer.drainDue(0).get(0).update().value()).isEqualByComparingTo("9");
    }

    @Test
    void shouldKeepStockAndPriceOfOneSkuApart() {
        offer(stock("HX-4", 1, 5));
        offer(new CatalogUpdate(CatalogUpdate.Kind.PRICE, "HX-4", 1, new BigDecimal("9.99")));

        assertThat(coalescer.drainDue(0)).hasSize(2);
    }

    @Test
    void shouldLetAnUpdateThatArrivedDuringAFailedWriteWinItsRetryWhenItIsNewer() {
        offer(stock("HX-5", 1000, 1));
        PendingUpdate failed = coalescer.drainDue(0).get(0);
        offer(stock("HX-5", 2000, 2));

        failed.failed(500);
        coalescer.retryLater(failed);

        assertThat(coalescer.drainDue(499)).isEmpty();
        PendingUpdate retried = coalescer.drainDue(500).get(0);
        assertThat(retried.update().value()).isEqualByComparingTo("2");
        assertThat(retried.covered()).hasSize(2);
        assertThat(retried.failedAttempts()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheFailedUpdateWhenWhatArrivedMeanwhileIsOlder() {
        offer(stock("HX-6", 2000, 2));
        PendingUpdate failed = coalescer.drainDue(0).get(0);
        offer(stock("HX-6", 1000, 1));

        coalescer.retryLater(failed);

        assertThat(coalescer.drainDue(0).get(0).update().value()).isEqualByComparingTo("2");
    }

    @Test
    void shouldTakeOneSkuAtMostOncePerSkuIntervalAndOtherSkusAtOnce() {
        SkuCoalescer spaced = new SkuCoalescer(metrics, Duration.ofSeconds(1), clock);
        offer(spaced, stock("HX-8", 1, 1));
        assertThat(spaced.drainDue(clock.millis())).hasSize(1);

        clock.advance(Duration.ofMillis(250));
        offer(spaced, stock("HX-8", 2, 2));
        offer(spaced, stock("HX-9", 2, 5));
        assertThat(spaced.drainDue(clock.millis())).singleElement()
                .satisfies(update -> assertThat(update.update().sku()).isEqualTo("HX-9"));

        clock.advance(Duration.ofMillis(500));
        offer(spaced, stock("HX-8", 3, 3));
        assertThat(spaced.drainDue(clock.millis())).isEmpty();

        clock.advance(Duration.ofMillis(250));
        assertThat(spaced.drainDue(clock.millis())).singleElement().satisfies(update -> {
            assertThat(update.update().value()).isEqualByComparingTo("3");
            assertThat(update.covered()).hasSize(2);
        });
    }

    @Test
    void shouldTakeASkuThatWasQuietForAnIntervalAtOnce() {
        SkuCoalescer spaced = new SkuCoalescer(metrics, Duration.ofSeconds(1), clock);
        offer(spaced, stock("HX-10", 1, 1));
        spaced.drainDue(clock.millis());

        clock.advance(Duration.ofSeconds(1));
        offer(spaced, stock("HX-10", 2, 2));

        assertThat(spaced.drainDue(clock.millis())).hasSize(1);
    }

    @Test
    void shouldRetryAFailedWriteAtItsRetryTimeNotAfterTheSkuInterval() {
        SkuCoalescer spaced = new SkuCoalescer(metrics, Duration.ofSeconds(1), clock);
        offer(spaced, stock("HX-11", 1, 1));
        PendingUpdate failed = spaced.drainDue(clock.millis()).get(0);
        failed.failed(clock.millis() + 300);
        spaced.retryLater(failed);

        clock.advance(Duration.ofMillis(300));
        assertThat(spaced.drainDue(clock.millis())).hasSize(1);
    }

    @Test
    void shouldDropTheUpdatesOfARevokedPartition() {
        offer(stock("HX-7", 1, 1));

        coalescer.dropPartition(lease.partition());

        assertThat(coalescer.size()).isZero();
    }

    @Test
    void shouldFloorFractionalStockAndNeverGoBelowZero() {
        assertThat(CatalogUpdates.level("A", 1, "4.9999").getAvailable()).isEqualByComparingTo("4.9999");
        assertThat(CatalogUpdate.stock(CatalogUpdates.level("A", 1, "4.9999")).amount()).isEqualTo(4);
        assertThat(CatalogUpdate.stock(CatalogUpdates.level("A", 1, "-3")).amount()).isZero();
    }

    private void offer(CatalogUpdate update) {
        offer(coalescer, update);
    }

    private void offer(SkuCoalescer target, CatalogUpdate update) {
        long at = offset++;
        lease.offsets().received(at);
        target.offer(update, new ConsumerRecord<>("canonical.inventory", 0, at, update.sku(), new byte[0]), lease);
    }

    private static CatalogUpdate stock(String sku, long changedAt, long amount) {
        return new CatalogUpdate(CatalogUpdate.Kind.STOCK, sku, changedAt, BigDecimal.valueOf(amount));
    }
}
