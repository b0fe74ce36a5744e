package dev.p21bridge.simulators.xcart;

import java.util.Arrays;
import java.util.Optional;

/**
 * X-Cart's shipping statuses that can be set by hand ({@code XLite\Model\Order\Status\Shipping}); WFA and NBA are
 * set by X-Cart itself and refused. The ids are the ones X-Cart's docs list; real stores may number them otherwise.
 */
enum XCartShippingStatus {
    N(1, "New"),
    P(2, "Processing"),
    S(3, "Shipped"),
    D(4, "Delivered"),
    WND(5, "Will not deliver"),
    R(6, "Returned"),
    /** Cancelled; the contract's cancellation code (section 3), which the bridge also sets on a P21 cancellation. */
    C(7, "Canceled");

    private final int id;
    private final String label;

    XCartShippingStatus(int id, String label) {
        this.id = id;
        this.label = label;
    }

    int id() {
        return id;
    }

    String label() {
        return label;
    }

    static Optional<XCartShippingStatus> byCode(String code) {
        return Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
    }
}
