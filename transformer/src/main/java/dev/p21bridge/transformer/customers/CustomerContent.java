package dev.p21bridge.transformer.customers;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.Customer;
import java.util.Locale;
import java.util.Objects;

/**
 * The customer-facing fields the bridge writes from P21 to a storefront: the person's full name, the phone and the
 * billing address (P21's physical address). Compared in the normalised form both storefronts give back: blanks
 * collapsed, the two street lines as one (X-Cart keeps one {@code street}), first and last name as one full name
 * (Clarity keeps one {@code fullName}), region and country case-insensitive. A null field is one P21 does not
 * have; the bridge writes nothing there, so it is not compared. Financial fields (credit limit, terms) are never
 * part of it: they are P21's alone and never go to a storefront.
 */
public record CustomerContent(String fullName, String phone, String street, String city, String regionCode,
                              String postalCode, String countryCode) {

    public static CustomerContent of(Customer customer) {
        Address address = customer.getBillingAddress();
        String fullName = clean(join(customer.getFirstName(), customer.getLastName()));
        if (address == null) {
            return new CustomerContent(fullName, clean(customer.getPhone()), null, null, null, null, null);
        }
        return new CustomerContent(fullName, clean(customer.getPhone()),
                clean(join(address.getLine1(), address.getLine2())), clean(address.getCity()),
                upper(address.getRegionCode()), clean(address.getPostalCode()), upper(address.getCountryCode()));
    }

    /**
     * True when {@code change} shows every field of this content as it is: what a storefront reports after the
     * bridge wrote this content to it, whatever else (company, shipping address) the storefront keeps.
     */
    public boolean isShownBy(CustomerContent change) {
        return same(fullName, change.fullName) && same(phone, change.phone) && same(street, change.street)
                && same(city, change.city) && same(regionCode, change.regionCode)
                && same(postalCode, change.postalCode) && same(countryCode, change.countryCode);
    }

    private static boolean same(String written, String shown) {
        return written == null || Objects.equals(written, shown);
    }

    private static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null || second.isBlank() ? first : first + " " + second;
    }

    private static String clean(String text) {
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
