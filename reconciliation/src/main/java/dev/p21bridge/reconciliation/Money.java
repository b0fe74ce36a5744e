package dev.p21bridge.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts as the reconciliation holds and compares them: {@link BigDecimal} at the canonical scale of 4 (what the Avro
 * {@code decimal(18,4)} fields demand), compared to the cent, so a storefront's 10.00 and a P21 receipt of 10.0000
 * match while 10.00 and 10.01 do not. Never a double.
 */
public final class Money {

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(4);

    private Money() {
    }

    /** The amount at scale 4; null counts as zero. */
    public static BigDecimal of(BigDecimal amount) {
        return amount == null ? ZERO : amount.setScale(4, RoundingMode.HALF_UP);
    }

    /** Whether the two differ by at least a cent once each is rounded to the cent. */
    public static boolean sameCent(BigDecimal a, BigDecimal b) {
        return cents(a).compareTo(cents(b)) == 0;
    }

    /** Rounded to the cent, as the report shows it. */
    public static BigDecimal cents(BigDecimal amount) {
        return of(amount).setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code 1234.50}: plain, two decimals, as reports and JSON show money. */
    public static String text(BigDecimal amount) {
        return cents(amount).toPlainString();
    }
}
