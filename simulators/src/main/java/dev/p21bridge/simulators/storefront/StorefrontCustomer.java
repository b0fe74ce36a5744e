package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * A customer as the storefront keeps it: drawn from the {@link CustomerPool} when it first orders, then changed
 * through the storefront's customer API. {@code updates} counts the API calls that changed it, so a test can tell
 * whether the bridge wrote once. When billing and shipping are the same address, X-Cart shows one address that is
 * both, and a change to it changes both.
 */
public record StorefrontCustomer(int index, long profileId, String customerId, String email, String firstName,
                                 String lastName, String company, String phone, Address billing, Address shipping,
                                 Instant created, Instant updated, long updates) {

    static StorefrontCustomer of(Customer customer, Instant at) {
        return new StorefrontCustomer(customer.index(), customer.profileId(), customer.customerId(), customer.email(),
                customer.firstName(), customer.lastName(), customer.company(), customer.phone(), customer.billing(),
                customer.shipping(), at, at, 0);
    }

    /** The key the storefront finds a customer by: the e-mail, trimmed and lower-cased. */
    public static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public String fullName() {
        return firstName + " " + lastName;
    }

    public boolean sameAddress() {
        return billing.equals(shipping);
    }

    /** The pool shape the webhook renderers take. */
    public Customer asPoolCustomer() {
        return new Customer(index, profileId, customerId, firstName, lastName, company, email, phone, billing, shipping,
                BigDecimal.ZERO);
    }

    /** A copy with the given names, phone and billing address (a shared address changes shipping too), counted. */
    public StorefrontCustomer withBilling(String first, String last, String newPhone, Address address, Instant at) {
        return new StorefrontCustomer(index, profileId, customerId, email, first, last, company, newPhone, address,
                sameAddress() ? address : shipping, created, at, updates + 1);
    }

    /** A copy with a changed shipping address that is not the billing one, counted. */
    public StorefrontCustomer withShipping(Address address, Instant at) {
        return new StorefrontCustomer(index, profileId, customerId, email, firstName, lastName, company, phone, billing,
                address, created, at, updates + 1);
    }
}
