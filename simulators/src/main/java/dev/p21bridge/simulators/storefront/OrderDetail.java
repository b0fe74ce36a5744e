package dev.p21bridge.simulators.storefront;

/** A named detail on an order (X-Cart's order details), e.g. {@code p21_invoice_no} written by the bridge. */
public record OrderDetail(String name, String label, String value) {
}
