package dev.p21bridge.schemas.content;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.Customer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The customer-facing fields the bridge writes from P21 to a storefront: the person's full name, the phone and the
 * billing address (P21's physical address), in the normalised form both storefronts give back: blanks collapsed,
 * the two street lines as one (X-Cart keeps one {@code street}), first and last name as one full name (Clarity
 * keeps one {@code fullName}), region and country case-insensitive. A null field is one P21 does not have; the
 * bridge writes nothing there, so it is not compared. Financial fields (credit limit, terms) are never part of it:
 * they are P21's alone and never go to a storefront.
 *
 * <p>Why here, in {@code schemas}: two services must compare alike. The storefront-sink writes only when a
 * storefront does not show this content yet, and the transformer drops a storefront's customer change that shows
 * just what the bridge wrote (the echo of its own write). If their rules differed, a write would come back as a
 * change and travel to P21 and back for ever.
 */
public record CustomerContent(String fullName, String phone, String street, String city, String regionCode,
                              String postalCode, String countryCode) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public static CustomerContent of(Customer customer) {
        Address address = customer.getBillingAddress();
        return address == null
                ? of(customer.getFirstName(), customer.getLastName(), customer.getPhone(), null, null, null, null, null)
                : of(customer.getFirstName(), customer.getLastName(), customer.getPhone(),
                        joinLines(address.getLine1(), address.getLine2()), address.getCity(), address.getRegionCode(),
                        address.getPostalCode(), address.getCountryCode());
    }

    /** From the values as a storefront or P21 holds them; normalises every one. */
    public static CustomerContent of(String firstName, String lastName, String phone, String street, String city,
                                     String regionCode, String postalCode, String countryCode) {
        return new CustomerContent(clean(joinLines(firstName, lastName)), clean(phone), clean(street), clean(city),
                upper(regionCode), clean(postalCode), upper(countryCode));
    }

    /**
     * True when {@code shown} shows every field of this content as it is: what a storefront reports after the
     * bridge wrote this content to it, whatever else (company, shipping address) the storefront keeps.
     */
    public boolean isShownBy(CustomerContent shown) {
        return same(fullName, shown.fullName) && same(phone, shown.phone) && same(street, shown.street)
                && same(city, shown.city) && same(regionCode, shown.regionCode)
                && same(postalCode, shown.postalCode) && same(countryCode, shown.countryCode);
    }

    /** Two parts as one text with a space between, as a storefront with one field for both shows them. */
    public static String joinLines(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null || second.isBlank() ? first : first + " " + second;
    }

    /** Stripped, inner blanks collapsed to one space; null when nothing is left. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        String collapsed = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return collapsed.isEmpty() ? null : collapsed;
    }

    private static boolean same(String written, String shown) {
        return written == null || Objects.equals(written, shown);
    }

    /** {@link #clean}, then upper-cased (region and country codes). */
    public static String upper(String text) {
        String cleaned = clean(text);
        return cleaned == null ? null : cleaned.toUpperCase(Locale.ROOT);
    }
}
