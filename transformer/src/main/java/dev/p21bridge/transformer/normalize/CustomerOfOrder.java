package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;

/**
 * The customer an order names, as a canonical customer record: every order also announces its buyer, marked with
 * the order's key ({@code announcedBy}) so the p21-sink, which resolves the buyer with the order, calls P21 once.
 */
public final class CustomerOfOrder {

    private CustomerOfOrder() {
    }

    public static Customer of(Order order) {
        return Customer.newBuilder()
                .setEmail(order.getCustomer().getEmail())
                .setSource(order.getSource())
                .setSourceEventId(order.getSourceEventId())
                .setChangeType(ChangeType.UPDATED)
                .setEventTime(order.getEventTime())
                .setSourceCustomerId(order.getStorefrontCustomerId())
                .setP21CustomerId(null)
                .setFirstName(order.getCustomer().getFirstName())
                .setLastName(order.getCustomer().getLastName())
                .setCompany(order.getCustomer().getCompany())
                .setPhone(order.getCustomer().getPhone())
                .setBillingAddress(order.getBillingAddress())
                .setShippingAddress(order.getShippingAddress())
                .setChangedAt(order.getOrderDate())
                .setOrigin(null)
                .setAnnouncedBy(order.getOrderKey())
                .build();
    }
}
