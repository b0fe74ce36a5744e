package dev.p21bridge.transformer.normalize;

import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * The one gate every number passes before any arithmetic, {@code setScale} or {@code toPlainString}. A
 * {@code BigDecimal} read from {@code 1e1000000000} is two small fields, but scaling it to four decimals or printing
 * it plainly asks for a billion digits: minutes of CPU, or an {@code OutOfMemoryError} that no exception handler
 * sees. Only {@link BigDecimal#precision()}, {@link BigDecimal#scale()} and {@link BigDecimal#signum()} are looked
 * at here, which cost nothing whatever the exponent.
 */
public final class Decimals {

    private Decimals() {
    }

    /**
     * {@code value} when it has at most {@code integerDigits} digits before the point and, once trailing zeros are
     * dropped, at most {@code fractionDigits} after it: a {@link ValidationException} for too many integer digits
     * (the value is out of range), a {@link MappingException} for too many decimals (it cannot be written without
     * rounding), each naming {@code path} and quoting the value in scientific form, cut.
     */
    public static BigDecimal requireFits(BigDecimal value, int integerDigits, int fractionDigits, Supplier<String> path) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long digitsBeforePoint = integerDigits(value);
        if (digitsBeforePoint > integerDigits) {
            throw new ValidationException(path.get() + " does not fit decimal(" + (integerDigits + fractionDigits) + ","
                    + fractionDigits + "): " + Echo.plain(value.toString()) + " has more than " + integerDigits
                    + " digits before the point");
        }
        if (value.scale() > fractionDigits) {
            // cheap: it divides by ten at most once per digit, and digits are bounded by the parser's number
            // length (64) or, for a sum or product, by the operands that passed here before
            if (value.stripTrailingZeros().scale() > fractionDigits) {
                throw new ValidationException(path.get() + " has more than " + fractionDigits + " decimals: "
                        + Echo.plain(value.toString()));
            }
        }
        return value;
    }

    /** Digits before the point ({@code 0} and negative for values under 0.1), read without arithmetic. */
    public static long integerDigits(BigDecimal value) {
        return value.signum() == 0 ? 0 : (long) value.precision() - value.scale();
    }
}
