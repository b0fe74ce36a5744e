package dev.p21bridge.storefront.status;

import dev.p21bridge.storefront.Storefront;

/**
 * An order's status in one storefront, read and set through the storefront's API. Both methods throw
 * {@link dev.p21bridge.storefront.StorefrontCallException} for {@link dev.p21bridge.storefront.StorefrontErrorPolicy}
 * to judge.
 */
public interface OrderStatusTarget {

    Storefront storefront();

    /** The status the order shows now (X-Cart's shipping status code, Clarity's status name). */
    String status(String orderId);

    /** Sets the status; one state-changing call. */
    void set(String orderId, StoreStatuses.Target target);
}
