package dev.p21bridge.transformer.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Supplier;

/**
 * Amounts and quantities in the canonical scale, decimal(18,4): at most 14 digits before the point and 4 after.
 * Every number read from a payload and every sum or product made of them passes {@link Decimals#requireFits} here
 * before it is scaled, so a value out of range is a {@code validation} dead letter naming the field, never an Avro
 * serialization failure (which was an {@code internal} dead letter) or a billion-digit {@code setScale}. Rounding is
 * never silent: a fifth decimal is a validation error, with one exception, binary float noise. A storefront that adds
 * prices as doubles sends {@code 18.200000000000003} for {@code 18.20}; a value within {@link #FLOAT_NOISE} of one with
 * at most four decimals, written with no more digits than a double prints, is that value.
 */
public final class Money {

    public static final int SCALE = 4;
    public static final int INTEGER_DIGITS = 14;
    /** How far from a four-decimal value a number may lie and still be read as that value. */
    public static final BigDecimal FLOAT_NOISE = new BigDecimal("1e-9");
    /**
     * The most decimals float noise is written with: a double prints at most 17 significant digits, so for amounts
     * of at least 0.0001 the noise ends by the 21st decimal. Anything longer is no double, and is never scaled.
     */
    private static final int MAX_NOISE_SCALE = 21;

    private Money() {
    }

    public static BigDecimal of(BigDecimal value, String path) {
        return of(value, () -> path);
    }

    /** As {@link #of(BigDecimal, String)}, with the path built only for the error message. */
    public static BigDecimal of(BigDecimal value, Supplier<String> path) {
        return Decimals.requireFits(withoutFloatNoise(value), INTEGER_DIGITS, SCALE, path)
                .setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /**
     * {@code value} rounded to four decimals when it differs from that by float noise only, else {@code value}
     * untouched for {@link Decimals#requireFits} to judge. Looks at the scale first, so a giant exponent costs nothing.
     */
    static BigDecimal withoutFloatNoise(BigDecimal value) {
        if (value.scale() <= SCALE || value.scale() > MAX_NOISE_SCALE) {
            return value;
        }
        BigDecimal rounded = value.setScale(SCALE, RoundingMode.HALF_UP);
        return value.subtract(rounded).abs().compareTo(FLOAT_NOISE) <= 0 ? rounded : value;
    }

    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }

    /** {@code a + b}, which must still fit decimal(18,4); {@code path} names the sum. */
    public static BigDecimal add(BigDecimal a, BigDecimal b, Supplier<String> path) {
        return of(a.add(b), path);
    }

    /** Line extension quantity x price, rounded half-up to the canonical scale; it must still fit decimal(18,4). */
    public static BigDecimal extend(BigDecimal quantity, BigDecimal unitPrice, Supplier<String> path) {
        // both already fit decimal(18,4), so the product has at most 36 digits: cheap to scale, then checked
        return of(quantity.multiply(unitPrice).setScale(SCALE, RoundingMode.HALF_UP), path);
    }
}
