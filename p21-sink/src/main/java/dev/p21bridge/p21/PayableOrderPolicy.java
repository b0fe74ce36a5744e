package dev.p21bridge.p21;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.orders.Payability;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * Which storefront orders the p21-sink writes to P21: paid and authorized ones always; declined or cancelled ones
 * ({@link Payability}) never; pending ones (bank transfer, purchase order on terms) as {@link #PENDING_ORDERS} says,
 * created, skipped or created on hold, by default created, because P21 B2B merchants invoice on terms. An order not written gets a record of why on
 * {@code canonical.order-confirmations} ({@code skippedReason}). See docs/payable-orders.md.
 *
 * @param pending what becomes of an order whose payment is pending
 */
public record PayableOrderPolicy(Pending pending) {

    /** What the sink does with an order whose payment is pending. */
    public enum Pending {
        /** Create it in P21 as a paid one (the default: P21 invoices on terms). */
        CREATE,
        /** Write nothing to P21; record why. A later {@code order.updated} with the payment made creates it. */
        SKIP,
        /**
         * Create it in P21 on hold ({@code approved} off, with the hold reason): its stock is allocated but it cannot
         * be picked until someone releases it in P21.
         */
        HOLD;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Setting<Pending> PENDING_ORDERS = new Setting<>("BRIDGE_P21_PENDING_ORDERS",
            "what the p21-sink does with an order whose payment is pending (bank transfer, purchase order): create,"
                    + " skip, or hold (created on hold in P21); declined or cancelled orders are never created", Pending.CREATE,
            PayableOrderPolicy::parsePending);

    public PayableOrderPolicy {
        if (pending == null) {
            throw new IllegalArgumentException("pending is required");
        }
    }

    /** Today's behaviour for pending orders: create them. */
    public static PayableOrderPolicy defaults() {
        return new PayableOrderPolicy(PENDING_ORDERS.defaultValue());
    }

    public static PayableOrderPolicy from(Environment env) {
        return new PayableOrderPolicy(env.get(PENDING_ORDERS));
    }

    /** Why {@code order} must not be written to P21, or empty when it is written. */
    public Optional<String> skipReason(Order order) {
        Optional<String> refusal = Payability.refusal(order);
        if (refusal.isPresent()) {
            return refusal;
        }
        boolean pendingPayment = order.getPayment() != null && order.getPayment().getStatus() == PaymentStatus.PENDING;
        return pendingPayment && pending == Pending.SKIP
                ? Optional.of("payment pending (" + PENDING_ORDERS.name() + "=skip)") : Optional.empty();
    }

    /** Why {@code order}, which is written, is created on hold in P21; empty when it is created open. */
    public Optional<String> holdReason(Order order) {
        boolean pendingPayment = order.getPayment() != null && order.getPayment().getStatus() == PaymentStatus.PENDING;
        return pendingPayment && pending == Pending.HOLD
                ? Optional.of("web order, payment pending (" + PENDING_ORDERS.name() + "=hold)") : Optional.empty();
    }

    static Pending parsePending(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "create" -> Pending.CREATE;
            case "skip" -> Pending.SKIP;
            case "hold" -> Pending.HOLD;
            default -> throw new IllegalArgumentException("must be create, skip or hold");
        };
    }
}
