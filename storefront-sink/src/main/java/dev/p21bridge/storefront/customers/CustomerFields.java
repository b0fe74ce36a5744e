package dev.p21bridge.storefront.customers;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.content.CustomerContent;

import static dev.p21bridge.schemas.content.CustomerContent.clean;
import static dev.p21bridge.schemas.content.CustomerContent.upper;

/**
 * What the sink writes of a P21 customer to a storefront: names, phone and the billing address (P21's physical
 * address), as the storefronts' forms take them (first and last name apart, two street lines). Never the financial
 * fields (credit limit, terms): they are P21's alone, and the canonical customer does not even carry them. A null
 * field is one P21 does not have; it is neither written nor compared.
 *
 * <p>{@link #isShownBy} compares through {@link CustomerContent}, the rule the transformer's echo filter uses too,
 * so a write of the sink never comes back as a change.
 */
record CustomerFields(String firstName, String lastName, String phone, String line1, String line2, String city,
                      String regionCode, String postalCode, String countryCode) {

    static CustomerFields of(Customer customer) {
        Address a = customer.getBillingAddress();
        return new CustomerFields(clean(customer.getFirstName()), clean(customer.getLastName()),
                clean(customer.getPhone()), a == null ? null : clean(a.getLine1()), a == null ? null : clean(a.getLine2()),
                a == null ? null : clean(a.getCity()), a == null ? null : upper(a.getRegionCode()),
                a == null ? null : clean(a.getPostalCode()), a == null ? null : upper(a.getCountryCode()));
    }

    boolean hasAddress() {
        return line1 != null;
    }

    boolean hasName() {
        return firstName != null || lastName != null;
    }

    /** The two street lines as one, as X-Cart stores a street. */
    String street() {
        return CustomerContent.joinLines(line1, line2);
    }

    /** True when a storefront showing these values needs no write. */
    boolean isShownBy(String shownFirst, String shownLast, String shownPhone, String shownStreet, String shownCity,
                      String shownRegion, String shownPostal, String shownCountry) {
        CustomerContent wanted = CustomerContent.of(firstName, lastName, phone, street(), city, regionCode, postalCode,
                countryCode);
        return wanted.isShownBy(CustomerContent.of(shownFirst, shownLast, shownPhone, shownStreet, shownCity,
                shownRegion, shownPostal, shownCountry));
    }
}
