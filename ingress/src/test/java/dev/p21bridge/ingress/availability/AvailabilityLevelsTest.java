package dev.p21bridge.ingress.availability;

import static dev.p21bridge.ingress.availability.Levels.level;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvailabilityLevelsTest {

    private final AvailabilityLevels levels = new AvailabilityLevels(3);

    @Test
    void shouldAnswerWholeUnitsRoundedDownAsTheStoresAreSent() {
        levels.apply("A", level("A", "7.9", 1_000, "10", "5.5", "20", "2.4"));

        SkuLevel a = levels.get("A");
        assertThat(a.available()).isEqualTo(7);
        assertThat(a.changedAt()).isEqualTo(1_000);
        assertThat(a.availableAt("10")).isEqualTo(5);
        assertThat(a.availableAt("20")).isEqualTo(2);
        assertThat(a.availableAt("30")).as("a location that does not stock the item").isZero();
    }

    @Test
    void shouldNeverAnswerMoreAtALocationThanTheReservationsLeaveInTotal() {
        // 8 free at location 10, but 5 units are reserved for storefront orders P21 has not allocated yet
        levels.apply("A", level("A", "3", 1_000, "10", "8"));

        assertThat(levels.get("A").availableAt("10")).isEqualTo(3);
    }

    @Test
    void shouldAnswerAStoreThatSellsFromItsOwnLocationsTheirStockLessEveryReservation() {
        dev.p21bridge.schemas.InventoryLevel reserved = level("A", "11", 1_000, "10", "8", "20", "6");
        reserved.setReserved(new java.math.BigDecimal("2.5000"));
        levels.apply("A", reserved);

        SkuLevel a = levels.get("A");
        assertThat(a.availableFrom(java.util.List.of())).as("the bridge-wide locations").isEqualTo(11);
        assertThat(a.availableFrom(java.util.List.of("20"))).as("6 free, 2.5 reserved, rounded to 3").isEqualTo(3);
        assertThat(a.availableFrom(java.util.List.of("10", "20"))).isEqualTo(11);
        assertThat(a.availableFrom(java.util.List.of("30"))).as("never below 0").isZero();
    }

    @Test
    void shouldKeepTheLatestChangeWhateverOrderTheLevelsArriveIn() {
        levels.apply("A", level("A", "5", 2_000));
        levels.apply("A", level("A", "9", 1_000));
        assertThat(levels.get("A").available()).isEqualTo(5);

        levels.apply("A", level("A", "4", 2_000));
        assertThat(levels.get("A").available()).as("a second change within the same millisecond").isEqualTo(4);
    }

    @Test
    void shouldForgetASkuOnATombstoneAndAnswerNegativeLevelsAsZero() {
        levels.apply("A", level("A", "-3", 1_000));
        assertThat(levels.get("A").available()).isZero();

        levels.apply("A", null);
        assertThat(levels.get("A")).isNull();
    }

    @Test
    void shouldRefuseNewSkusBeyondTheBoundButKeepUpdatingTheHeldOnes() {
        levels.apply("A", level("A", "1", 1_000));
        levels.apply("B", level("B", "1", 1_000));
        levels.apply("C", level("C", "1", 1_000));
        levels.apply("D", level("D", "1", 1_000));
        levels.apply("A", level("A", "2", 2_000));

        assertThat(levels.size()).isEqualTo(3);
        assertThat(levels.get("D")).isNull();
        assertThat(levels.refused()).isEqualTo(1);
        assertThat(levels.get("A").available()).isEqualTo(2);
    }
}
