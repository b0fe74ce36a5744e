package dev.p21bridge.storefront.customers;

import dev.p21bridge.storefront.Storefront;

/**
 * What the sink asks of a storefront about customers, in the storefront's own API ({@link XCartCustomerClient},
 * {@link ClarityCustomerClient}). Throws {@link StorefrontCallException} for {@link StorefrontErrorPolicy} to judge.
 */
public interface StorefrontCustomers {

    /** What a {@link #sync} call found and did. */
    enum SyncOutcome {
        /** One state-changing call was made. */
        CHANGED,
        /** The storefront already showed the fields: nothing was sent. */
        ALREADY_CURRENT,
        /** The storefront has no customer with that e-mail; the bridge does not create storefront accounts. */
        NOT_A_CUSTOMER
    }

    Storefront storefront();

    /**
     * Reads the customer with this e-mail and, only when it shows something other than {@code wanted}, writes
     * {@code wanted} in one call. So a redelivered or replayed record repeats no state-changing call.
     */
    SyncOutcome sync(String email, CustomerFields wanted);
}
