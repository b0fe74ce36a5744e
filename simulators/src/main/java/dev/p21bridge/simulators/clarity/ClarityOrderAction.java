package dev.p21bridge.simulators.clarity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Clarity's sales-order state changes, {@code PATCH /API-Storefront/Ordering/SalesOrder/<route>/{ID}}, and the status
 * name each one sets (Clarity's {@code SalesOrderService.StateChanges}).
 */
enum ClarityOrderAction {
    CONFIRM("Confirm", "Confirmed"),
    PENDING("Pending", "Pending"),
    HOLD("Hold", "On Hold"),
    BACKORDER("Backorder", "Backordered"),
    CREATE_PICK_TICKET("CreatePickTicket", "Processing"),
    SHIP("Ship", "Shipped"),
    COMPLETE("Complete", "Completed"),
    VOID("Void", "Voided");

    static final String VOIDED = "Voided";

    private final String route;
    private final String status;

    ClarityOrderAction(String route, String status) {
        this.route = route;
        this.status = status;
    }

    String status() {
        return status;
    }

    static Optional<ClarityOrderAction> byRoute(String route) {
        return Arrays.stream(values()).filter(a -> a.route.equals(route)).findFirst();
    }
}
