package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.Totals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Business rules every canonical order meets before it leaves the transformer, whatever storefront it came from.
 * A failure names the field and the values, and the order becomes a {@code validation} dead letter. One item on
 * several lines is no failure: variants, personalisation or two SKUs mapped to one P21 item do that, and the p21-sink
 * keeps them apart with P21 line numbers.
 */
public final class OrderValidator {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private OrderValidator() {
    }

    public static Order validate(Order order) {
        if (order.getLines().isEmpty()) {
            throw new ValidationException("lines: an order needs at least one line, got none");
        }
        BigDecimal lineTotal = BigDecimal.ZERO;
        for (OrderLine line : order.getLines()) {
            String where = "lines[" + (line.getLineNumber() - 1) + "]";
            if (line.getQuantity().signum() <= 0) {
                throw new ValidationException(where + ".quantity must be positive, got " + line.getQuantity().stripTrailingZeros().toPlainString());
            }
            if (line.getUnitPrice().signum() < 0) {
                throw new ValidationException(where + ".unitPrice must not be negative, got " + line.getUnitPrice().toPlainString());
            }
            lineTotal = Money.add(lineTotal, line.getExtendedPrice(), () -> "the sum of the lines");
        }
        Totals totals = order.getTotals();
        if (cents(lineTotal).compareTo(cents(totals.getSubtotal())) != 0) {
            throw new ValidationException("totals.subtotal " + plain(totals.getSubtotal()) + " does not equal the sum of the lines "
                    + plain(lineTotal));
        }
        BigDecimal expected = Money.of(lineTotal.add(totals.getTax()).add(totals.getShipping()).subtract(totals.getDiscount()),
                () -> "lines + tax + shipping - discount");
        if (cents(expected).compareTo(cents(totals.getTotal())) != 0) {
            throw new ValidationException("totals.total " + plain(totals.getTotal()) + " does not add up: lines " + plain(lineTotal)
                    + " + tax " + plain(totals.getTax()) + " + shipping " + plain(totals.getShipping()) + " - discount "
                    + plain(totals.getDiscount()) + " = " + plain(expected));
        }
        if (totals.getDiscount().signum() < 0) {
            throw new ValidationException("totals.discount must not be negative, got " + plain(totals.getDiscount()));
        }
        if (!CURRENCY.matcher(order.getCurrency()).matches()) {
            throw new ValidationException("currency must be an ISO 4217 code, got " + Echo.quoted(order.getCurrency()));
        }
        return order;
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        return cents(value).toPlainString();
    }
}
