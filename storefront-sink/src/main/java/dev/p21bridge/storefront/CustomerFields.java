package dev.p21bridge.storefront;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.Customer;
import java.util.Locale;
import java.util.Objects;

/**
 * What the sink writes of a P21 customer to a storefront: names, phone and the billing address (P21's physical
 * address). Never the financial fields (credit limit, terms): they are P21's alone, and the canonical customer does
 * not even carry them. A null field is one P21 does not have; it is neither written nor compared.
 *
 * <p>{@link #isShownBy} compares the way both storefronts store it: blanks collapsed, first and last name as one
 * full name, the two street lines as one (X-Cart has one street field), region and country case-insensitive. The
 * transformer's echo filter compares the same way, so a write of the sink never comes back as a change.
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
        return join(line1, line2);
    }

    /** True when a storefront showing these values needs no write. */
    boolean isShownBy(String shownFirst, String shownLast, String shownPhone, String shownStreet, String shownCity,
                      String shownRegion, String shownPostal, String shownCountry) {
        boolean name = !hasName() || Objects.equals(clean(join(firstName, lastName)), clean(join(shownFirst, shownLast)));
        boolean address = !hasAddress() || (Objects.equals(clean(street()), clean(shownStreet))
                && Objects.equals(city, clean(shownCity)) && same(regionCode, upper(shownRegion))
                && same(postalCode, clean(shownPostal)) && same(countryCode, upper(shownCountry)));
        return name && same(phone, clean(shownPhone)) && address;
    }

    private static boolean same(String wanted, String shown) {
        return wanted == null || wanted.equals(shown);
    }

    static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null || second.isBlank() ? first : first + " " + second;
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String collapsed = text.strip().replaceAll("\\s+", " ");
        return collapsed.isEmpty() ? null : collapsed;
    }

    private static String upper(String text) {
        String cleaned = clean(text);
        return cleaned == null ? null : cleaned.toUpperCase(Locale.ROOT);
    }
}
