package dev.p21bridge.transformer.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Supplier;

/** Amounts in the canonical scale, decimal(18,4). Rounding is never silent: a fifth decimal is a mapping error. */
public final class Money {

    public static final int SCALE = 4;
    private static final BigDecimal MAX = new BigDecimal("99999999999999.9999");

    private Money() {
    }

    public static BigDecimal of(BigDecimal value, String path) {
        return of(value, () -> path);
    }

    /** As {@link #of(BigDecimal, String)}, with the path built only for the error message. */
    public static BigDecimal of(BigDecimal value, Supplier<String> path) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new MappingException(path.get() + " has more than " + SCALE + " decimals: " + value.toPlainString());
        }
        if (scaled.abs().compareTo(MAX) > 0) {
            throw new MappingException(path.get() + " does not fit decimal(18,4): " + value.toPlainString());
        }
        return scaled;
    }

    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }

    /** Line extension quantity x price, rounded half-up to the canonical scale. */
    public static BigDecimal extend(BigDecimal quantity, BigDecimal unitPrice) {
        return quantity.multiply(unitPrice).setScale(SCALE, RoundingMode.HALF_UP);
    }
}
