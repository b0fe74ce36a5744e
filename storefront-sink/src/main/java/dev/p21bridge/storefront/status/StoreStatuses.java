package dev.p21bridge.storefront.status;

import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.storefront.Storefront;
import java.util.Map;
import java.util.Optional;

/**
 * Which status each storefront shows for a P21 order status, in the words its API knows, and how far along an order
 * is in each storefront's statuses, so the flow never moves an order back (a late "accepted" after "shipped").
 *
 * <table>
 *   <caption>P21 status to storefront status</caption>
 *   <tr><th>P21</th><th>X-Cart shipping status</th><th>Clarity status (state change)</th></tr>
 *   <tr><td>accepted</td><td>P Processing</td><td>Confirmed (Confirm)</td></tr>
 *   <tr><td>held</td><td>(none: X-Cart has no hold)</td><td>On Hold (Hold)</td></tr>
 *   <tr><td>released</td><td>P Processing</td><td>Confirmed (Confirm)</td></tr>
 *   <tr><td>partly shipped</td><td>P Processing (no partial status; the ticket's tracking number is added)</td>
 *       <td>Processing (CreatePickTicket)</td></tr>
 *   <tr><td>shipped</td><td>S Shipped</td><td>Shipped (Ship)</td></tr>
 *   <tr><td>invoiced</td><td>(none: payment status is X-Cart's own)</td><td>Completed (Complete)</td></tr>
 *   <tr><td>cancelled</td><td>C Canceled</td><td>Voided (Void)</td></tr>
 * </table>
 */
public final class StoreStatuses {

    /** Rank of a status no further change may leave (cancelled, returned). */
    static final int FINAL = 100;

    /** A storefront status to set: its name as the store shows it and the action (Clarity's route) that sets it. */
    public record Target(String status, String action) {
    }

    /**
     * No SHIPPED here: the shipment flow marks an order shipped together with its tracking numbers. Both flows
     * setting it raced (each read the order not yet shipped) and wrote it twice.
     */
    private static final Map<OrderStatusCode, Target> XCART = Map.of(
            OrderStatusCode.ACCEPTED, new Target("P", "P"),
            OrderStatusCode.RELEASED, new Target("P", "P"),
            OrderStatusCode.PARTLY_SHIPPED, new Target("P", "P"),
            OrderStatusCode.CANCELLED, new Target("C", "C"));
    private static final Map<OrderStatusCode, Target> CLARITY = Map.of(
            OrderStatusCode.ACCEPTED, new Target("Confirmed", "Confirm"),
            OrderStatusCode.HELD, new Target("On Hold", "Hold"),
            OrderStatusCode.RELEASED, new Target("Confirmed", "Confirm"),
            OrderStatusCode.PARTLY_SHIPPED, new Target("Processing", "CreatePickTicket"),
            OrderStatusCode.INVOICED, new Target("Completed", "Complete"),
            OrderStatusCode.CANCELLED, new Target("Voided", "Void"));
    private static final Map<String, Integer> XCART_RANK = Map.of("N", 0, "P", 1, "S", 2, "D", 3,
            "R", FINAL, "WND", FINAL, "C", FINAL);
    private static final Map<String, Integer> CLARITY_RANK = Map.of("Pending", 0, "Confirmed", 1, "On Hold", 1,
            "Backordered", 1, "Processing", 2, "Shipped", 3, "Completed", 4, "Cancelled", FINAL, "Voided", FINAL);

    private StoreStatuses() {
    }

    /** Whether this version of the sink knows what to do with the P21 status (UNKNOWN is a newer writer's). */
    static boolean known(OrderStatusCode code) {
        return code != null && code != OrderStatusCode.UNKNOWN;
    }

    /** The status to show in the store; empty when the store has none for it (its API knows no such state). */
    static Optional<Target> target(Storefront storefront, OrderStatusCode code) {
        return Optional.ofNullable((storefront.platform() == StorePlatform.XCART ? XCART : CLARITY).get(code));
    }

    /** How far along a store status is; a status this table does not list counts as new (0). */
    static int rank(Storefront storefront, String status) {
        return (storefront.platform() == StorePlatform.XCART ? XCART_RANK : CLARITY_RANK).getOrDefault(status, 0);
    }

    /**
     * Why {@code code} must wait before it is shown on an order showing {@code current}, or empty: Clarity adds
     * tracking numbers only with Ship, so completing an invoiced order before its shipment reached the store would
     * leave the shipment nothing to do and its tracking numbers unseen.
     */
    static Optional<String> waitsFor(Storefront storefront, OrderStatusCode code, String current) {
        if (storefront.platform() == StorePlatform.CLARITY && code == OrderStatusCode.INVOICED
                && rank(storefront, current) < rank(storefront, "Shipped")) {
            return Optional.of("Clarity shows '" + current + "': the order's shipment (with its tracking numbers)"
                    + " must reach Clarity before P21's invoice completes the order");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code target} should be set on an order showing {@code current}: not when it shows it already, not
     * when the order is further along (a stale or reordered status), never once it is cancelled or returned.
     */
    static boolean shouldSet(Storefront storefront, String current, Target target) {
        if (target.status().equals(current)) {
            return false;
        }
        int now = rank(storefront, current);
        return now < FINAL && rank(storefront, target.status()) >= now;
    }
}
