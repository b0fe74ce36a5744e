package dev.p21bridge.p21;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.content.CustomerContent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The columns of P21's {@code customer} row a storefront may change: the name P21 files the customer under, the
 * person's names, the physical address and the central phone number. Nothing else: credit limit, terms and tax status
 * ({@link #NEVER_FROM_A_STORE}) are P21's own, set by its credit department, and no store event may touch them; this
 * type cannot even carry them, so no code path can send them.
 *
 * <p>A null field is one the store did not give; it is neither sent nor compared, so a store that knows less than
 * P21 never blanks what P21 has. Values compare as {@link CustomerContent} compares them (blanks collapsed, region
 * and country case-insensitive), the rule the storefront-sink and the echo filter use, so what one side thinks equal
 * the others do too.
 *
 * @param customerName P21's {@code customer_name}: the company; for a person without one their name (at create only)
 */
public record P21CustomerFields(String customerName, String firstName, String lastName, String physAddress1,
                                String physAddress2, String physCity, String physState, String physPostalCode,
                                String physCountry, String centralPhoneNumber) {

    /** The P21 column names, in component order. */
    public static final List<String> STORE_MAY_CHANGE = List.of("customer_name", "first_name", "last_name",
            "phys_address1", "phys_address2", "phys_city", "phys_state", "phys_postal_code", "phys_country",
            "central_phone_number");

    /** Financial columns P21 keeps for itself: never written from a store. */
    public static final List<String> NEVER_FROM_A_STORE = List.of("credit_limit", "terms_id", "taxable_flag",
            "tax_exempt_number", "tax_group_id");

    /**
     * What a storefront's customer says, at its billing address (the shipping one when it has none) as P21's physical
     * address, the phone its own or the address's; {@code customer_name} is the customer's company when there is
     * one, else left out (P21's name is kept on update; {@link #withNameForCreate} names a new customer).
     */
    public static P21CustomerFields of(Customer customer) {
        Address address = customer.getBillingAddress() != null ? customer.getBillingAddress()
                : customer.getShippingAddress();
        String company = clean(customer.getCompany());
        String phone = firstPresent(customer.getPhone(), address == null ? null : address.getPhone());
        return new P21CustomerFields(company, clean(customer.getFirstName()), clean(customer.getLastName()),
                address == null ? null : clean(address.getLine1()), address == null ? null : clean(address.getLine2()),
                address == null ? null : clean(address.getCity()),
                address == null ? null : CustomerContent.upper(address.getRegionCode()),
                address == null ? null : clean(address.getPostalCode()),
                address == null ? null : CustomerContent.upper(address.getCountryCode()), phone);
    }

    /** The fields of a P21 {@code customer} row as OData answers it (absent columns are null). */
    public static P21CustomerFields of(JsonNode row) {
        return new P21CustomerFields(text(row, "customer_name"), text(row, "first_name"), text(row, "last_name"),
                text(row, "phys_address1"), text(row, "phys_address2"), text(row, "phys_city"), text(row, "phys_state"),
                text(row, "phys_postal_code"), text(row, "phys_country"), text(row, "central_phone_number"));
    }

    /**
     * These fields with the name a new P21 customer needs: the company, else the person's full name, else the
     * e-mail (the order path's rule, so either path names a customer alike).
     */
    public P21CustomerFields withNameForCreate(String email) {
        String fullName = Stream.of(firstName, lastName).filter(Objects::nonNull).reduce((a, b) -> a + " " + b)
                .orElse(null);
        return new P21CustomerFields(firstPresent(customerName, fullName, email), firstName, lastName, physAddress1,
                physAddress2, physCity, physState, physPostalCode, physCountry, centralPhoneNumber);
    }

    /** Every given field by P21 column name, in {@link #STORE_MAY_CHANGE} order. */
    public Map<String, String> edits() {
        Map<String, String> edits = new LinkedHashMap<>();
        List<String> values = values();
        for (int i = 0; i < STORE_MAY_CHANGE.size(); i++) {
            if (values.get(i) != null) {
                edits.put(STORE_MAY_CHANGE.get(i), values.get(i));
            }
        }
        return edits;
    }

    /** The given fields {@code current} does not show as they are here: what an update must send; empty if none. */
    public Map<String, String> changesFrom(P21CustomerFields current) {
        Map<String, String> changes = new LinkedHashMap<>();
        List<String> wanted = values();
        List<String> shown = current.values();
        for (int i = 0; i < STORE_MAY_CHANGE.size(); i++) {
            String value = wanted.get(i);
            if (value != null && !same(STORE_MAY_CHANGE.get(i), value, shown.get(i))) {
                changes.put(STORE_MAY_CHANGE.get(i), value);
            }
        }
        return changes;
    }

    /** These fields with {@code changes} (P21 column names) applied: what P21 shows after the update. */
    public P21CustomerFields with(Map<String, String> changes) {
        Map<String, String> all = new LinkedHashMap<>();
        List<String> values = values();
        for (int i = 0; i < STORE_MAY_CHANGE.size(); i++) {
            all.put(STORE_MAY_CHANGE.get(i), values.get(i));
        }
        all.putAll(changes);
        return new P21CustomerFields(all.get("customer_name"), all.get("first_name"), all.get("last_name"),
                all.get("phys_address1"), all.get("phys_address2"), all.get("phys_city"), all.get("phys_state"),
                all.get("phys_postal_code"), all.get("phys_country"), all.get("central_phone_number"));
    }

    private List<String> values() {
        return Arrays.asList(customerName, firstName, lastName, physAddress1, physAddress2, physCity,
                physState, physPostalCode, physCountry, centralPhoneNumber);
    }

    private static boolean same(String column, String wanted, String shown) {
        boolean codes = column.equals("phys_state") || column.equals("phys_country");
        String a = codes ? CustomerContent.upper(wanted) : clean(wanted);
        String b = codes ? CustomerContent.upper(shown) : clean(shown);
        return Objects.equals(a, b);
    }

    private static String clean(String text) {
        return CustomerContent.clean(text);
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.path(column);
        return value.isMissingNode() || value.isNull() ? null : clean(value.asText());
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            String cleaned = clean(candidate);
            if (cleaned != null) {
                return cleaned;
            }
        }
        return null;
    }
}
