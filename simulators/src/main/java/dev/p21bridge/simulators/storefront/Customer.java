package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;

/**
 * A buyer, the same every time it is drawn from a {@link CustomerPool} with the same seed. {@code email} is typed
 * as buyers type it (mixed case); {@code company} is null for individuals. {@code taxRate} is the sales tax percent
 * at the ship-to address.
 *
 * @param profileId  X-Cart's profile id
 * @param customerId Clarity's customer key, {@code C-55001} and up
 */
public record Customer(int index, long profileId, String customerId, String firstName, String lastName, String company,
                       String email, String phone, Address billing, Address shipping, BigDecimal taxRate) {

    public String fullName() {
        return firstName + " " + lastName;
    }
}
