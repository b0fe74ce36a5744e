package dev.p21bridge.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.storefront.catalog.UncountedSales.Basis;
import dev.p21bridge.storefront.catalog.UncountedSales.Bucket;
import dev.p21bridge.storefront.catalog.UncountedSales.Decision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UncountedSalesTest {

    private static final long NOW = Instant.parse("2026-11-20T10:00:30Z").toEpochMilli();
    private static final long MINUTE = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final Basis NOTHING_SOLD = new Basis(units(0), List.of());

    @Test
    void shouldNotGiveTheStorefrontBackSalesTheLevelDoesNotCountYet() {
        // the storefront sold all 100 in ten orders; the level has counted only the first
        Decision first = decide(90, 10, NOTHING_SOLD, 100, 0);

        assertThat(first.amount()).isZero();
        assertThat(first.basis().total()).isEqualByComparingTo("90");

        Decision later = decide(40, 60, first.basis(), 0, 0);
        assertThat(later.amount()).isZero();
        assertThat(later.basis().total()).isEqualByComparingTo("40");
    }

    @Test
    void shouldShowTheLevelExactlyOnceEverySaleIsCounted() {
        Decision first = decide(90, 10, NOTHING_SOLD, 100, 70);
        assertThat(first.amount()).isEqualTo(70);

        Decision counted = decide(70, 30, first.basis(), 70, 70);

        assertThat(counted.amount()).isEqualTo(70);
        assertThat(counted.basis().uncounted()).isEmpty();
    }

    @Test
    void shouldRaiseByWhatP21ReallyReceivedWhileSalesAreStillUncounted() {
        // 30 sold and not counted yet; P21 received 50
        Decision decision = decide(150, 0, NOTHING_SOLD, 100, 70);

        assertThat(decision.amount()).isEqualTo(120);
    }

    @Test
    void shouldAlwaysWriteADecrease() {
        assertThat(decide(60, 0, NOTHING_SOLD, 100, 100).amount()).isEqualTo(60);
        assertThat(decide(60, 0, NOTHING_SOLD, 100, 95).amount()).isEqualTo(55);
    }

    @Test
    void shouldTakeCountedSalesOffTheOldestUncountedFirstAndForgetWhatIsOlderThanTheHorizon() {
        long old = MINUTE - Duration.ofMinutes(31).toMillis();
        long recent = MINUTE - Duration.ofMinutes(5).toMillis();
        Basis last = new Basis(units(0), List.of(new Bucket(old, units(7)), new Bucket(recent, units(4))));

        Decision decision = decide(50, 1, last, 50, 50);

        assertThat(decision.basis().uncounted()).containsExactly(new Bucket(recent, units(3)));
        assertThat(decision.amount()).isEqualTo(47);
    }

    @Test
    void shouldAddTheSalesOfOneMinuteToOneBucket() {
        Basis last = new Basis(units(0), List.of(new Bucket(MINUTE, units(2))));

        Decision decision = decide(100, 0, last, 98, 95);

        assertThat(decision.basis().uncounted()).containsExactly(new Bucket(MINUTE, units(5)));
    }

    @Test
    void shouldStartFromEverySaleCountedWithoutABasisOrWhenTheCountsWentBack() {
        assertThat(UncountedSales.decide(units(80), units(10), null, null, 20, NOW).amount()).isEqualTo(80);
        assertThat(decide(80, 5, new Basis(units(10), List.of(new Bucket(MINUTE, units(9)))), 90, 20).amount())
                .isEqualTo(80);
    }

    @Test
    void shouldWriteALevelThatDoesNotSayWhatItCountsAsItIs() {
        Decision decision = UncountedSales.decide(units(80), null, NOTHING_SOLD, units(100), 20, NOW);

        assertThat(decision.amount()).isEqualTo(80);
        assertThat(decision.basis()).isNull();
    }

    private static Decision decide(int level, int counted, Basis last, int lastAmount, long current) {
        return UncountedSales.decide(units(level), units(counted), last, units(lastAmount), current, NOW);
    }

    private static BigDecimal units(int value) {
        return BigDecimal.valueOf(value);
    }
}
