package dev.p21bridge.storefront;

/**
 * A write that must wait for another flow to reach the store first (Clarity completing an order whose shipment, with
 * its tracking numbers, has not been shown yet). Not a failure of the store: no in-place tries and no circuit
 * counting; the record goes to the retry levels and is tried again later, and a dead letter after the last says why.
 */
public final class StoreNotReady extends RuntimeException {

    public StoreNotReady(String message) {
        super(message, null, false, false);
    }
}
