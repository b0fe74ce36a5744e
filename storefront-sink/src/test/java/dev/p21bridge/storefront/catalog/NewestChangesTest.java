package dev.p21bridge.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NewestChangesTest {

    private final NewestChanges newest = new NewestChanges();

    @Test
    void shouldSupersedeALevelInRetryWhenALaterChangeOfTheSameSkuWasTakenIn() {
        CatalogUpdate older = stock("HX-1", 1_000, 5);
        newest.saw(older, 10);
        newest.saw(stock("HX-1", 2_000, 9), 11);

        assertThat(newest.isSuperseded(older, 10)).isTrue();
    }

    @Test
    void shouldNotSupersedeALevelByItselfOrByAnEarlierChangeThatArrivedLater() {
        CatalogUpdate level = stock("HX-1", 2_000, 9);
        newest.saw(level, 11);
        newest.saw(stock("HX-1", 1_000, 5), 12);

        assertThat(newest.isSuperseded(level, 11)).isFalse();
    }

    @Test
    void shouldOrderTwoChangesOfTheSameMomentByTheirSourceOffset() {
        CatalogUpdate first = stock("HX-1", 1_000, 5);
        newest.saw(first, 10);
        newest.saw(stock("HX-1", 1_000, 6), 11);

        assertThat(newest.isSuperseded(first, 10)).isTrue();
    }

    @Test
    void shouldKeepStockAndPriceAndSkusApart() {
        CatalogUpdate level = stock("HX-1", 1_000, 5);
        newest.saw(level, 10);
        newest.saw(new CatalogUpdate(CatalogUpdate.Kind.PRICE, "HX-1", 2_000, new BigDecimal("3.50")), 11);
        newest.saw(stock("HX-2", 2_000, 9), 12);

        assertThat(newest.isSuperseded(level, 10)).isFalse();
    }

    private static CatalogUpdate stock(String sku, long changedAt, long amount) {
        return new CatalogUpdate(CatalogUpdate.Kind.STOCK, sku, changedAt, BigDecimal.valueOf(amount));
    }
}
