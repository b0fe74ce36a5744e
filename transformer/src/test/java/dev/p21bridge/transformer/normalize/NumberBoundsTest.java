package dev.p21bridge.transformer.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every number is checked by its exponent and precision before any arithmetic: nothing here may take time. */
class NumberBoundsTest {

    private static final Duration INSTANT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void aPriceWithAGiantExponentIsAValidationErrorFoundWithoutScalingIt() {
        assertTimeoutPreemptively(INSTANT, () -> assertThatThrownBy(
                () -> Money.of(new BigDecimal("1e1000000000"), "items[0].price"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("items[0].price does not fit decimal(18,4): 1E+1000000000 has more than 14 digits before the point"));
    }

    @Test
    void aPriceWithAGiantNegativeExponentIsAFifthDecimalFoundWithoutScalingIt() {
        assertTimeoutPreemptively(INSTANT, () -> assertThatThrownBy(
                () -> Money.of(new BigDecimal("1e-1000000000"), "items[0].price"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("items[0].price has more than 4 decimals: 1E-1000000000"));
    }

    @Test
    void zeroWithAGiantExponentIsZero() {
        assertTimeoutPreemptively(INSTANT, () ->
                assertThat(Money.of(new BigDecimal("0e1000000000"), "p")).isEqualTo(new BigDecimal("0.0000")));
    }

    @Test
    void theLargestDecimal18Dot4IsAcceptedAndTheNextIsAValidationError() {
        assertThat(Money.of(new BigDecimal("99999999999999.9999"), "p")).isEqualTo(new BigDecimal("99999999999999.9999"));
        assertThatThrownBy(() -> Money.of(new BigDecimal("100000000000000"), "p")).isInstanceOf(ValidationException.class);
    }

    @Test
    void binaryFloatNoiseWithinABillionthOfFourDecimalsIsRoundedAway() {
        assertThat(Money.of(new BigDecimal("18.200000000000003"), "p")).isEqualTo(new BigDecimal("18.2000"));
        assertThat(Money.of(new BigDecimal("0.30000000000000004"), "p")).isEqualTo(new BigDecimal("0.3000"));
        assertThat(Money.of(new BigDecimal("24.949999999999999"), "p")).isEqualTo(new BigDecimal("24.9500"));
        assertThat(Money.of(new BigDecimal("-13.270000000000001"), "p")).isEqualTo(new BigDecimal("-13.2700"));
        assertThat(Money.of(new BigDecimal("1.000000001"), "p")).isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void aFifthDecimalFartherThanNoiseIsStillRefused() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("18.2000000011"), "p")).isInstanceOf(ValidationException.class)
                .hasMessage("p has more than 4 decimals: 18.2000000011");
        assertThatThrownBy(() -> Money.of(new BigDecimal("18.20001"), "p")).isInstanceOf(ValidationException.class);
    }

    @Test
    void trailingZerosPastTheFourthDecimalAreNoFifthDecimal() {
        assertThat(Money.of(new BigDecimal("24.950000"), "p")).isEqualTo(new BigDecimal("24.9500"));
    }

    @Test
    void aLineWhoseQuantityTimesPriceOverflowsIsAValidationErrorNotAnAvroFailureLater() {
        BigDecimal big = new BigDecimal("99999999999999.0000");
        assertThatThrownBy(() -> Money.extend(big, big, () -> "items[0].amount x items[0].price"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("items[0].amount x items[0].price does not fit decimal(18,4)");
    }

    @Test
    void aSumThatOverflowsIsAValidationError() {
        BigDecimal big = new BigDecimal("99999999999999.0000");
        assertThatThrownBy(() -> Money.add(big, big, () -> "surcharges of type tax"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("surcharges of type tax does not fit decimal(18,4)");
    }

    @Test
    void unixSecondsWithAGiantNegativeExponentAreRefusedWithoutDividing() throws Exception {
        JsonFields json = JsonFields.root(JSON.readTree("{\"added\": 1e-1000000000}"));
        assertTimeoutPreemptively(INSTANT, () -> assertThatThrownBy(() -> json.epochSeconds("added"))
                .isInstanceOf(MappingException.class)
                .hasMessage("added is not whole unix seconds: 1E-1000000000"));
    }

    @Test
    void aNumberWrittenAsAVeryLongTextIsRefusedBeforeItIsParsed() throws Exception {
        JsonFields json = JsonFields.root(JSON.readTree("{\"quantity\": \"" + "9".repeat(100_000) + "\"}"));
        assertThatThrownBy(() -> json.decimal("quantity"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("quantity is 100000 characters long, more than the 64 a number may have");
    }
}
