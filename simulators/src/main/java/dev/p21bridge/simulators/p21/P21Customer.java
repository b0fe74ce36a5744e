package dev.p21bridge.simulators.p21;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of P21's {@code customer} table, with the fields the {@code Customer} transaction service can set. */
public record P21Customer(long customerId, String customerName, String emailAddress, String firstName,
                          String lastName, String physAddress1, String physAddress2, String physCity,
                          String physState, String physPostalCode, String physCountry, String centralPhoneNumber,
                          String termsId, Instant dateCreated, Instant dateLastModified) {

    /** The edit names of {@code TABPAGE_1.customer} this simulator knows, in P21's column names. */
    static final List<String> EDITABLE = List.of("customer_name", "email_address", "first_name", "last_name",
            "phys_address1", "phys_address2", "phys_city", "phys_state", "phys_postal_code", "phys_country",
            "central_phone_number", "terms_id");

    static P21Customer create(long customerId, Map<String, String> edits, Instant at) {
        return new P21Customer(customerId, null, null, null, null, null, null, null, null, null, null, null, null,
                at, at).withEdits(edits, at);
    }

    /** A copy with the given edits applied; edits this record does not know are ignored, as P21 ignores them. */
    P21Customer withEdits(Map<String, String> edits, Instant at) {
        Map<String, String> f = fields();
        edits.forEach((name, value) -> {
            if (f.containsKey(name)) {
                f.put(name, value);
            }
        });
        return new P21Customer(customerId, f.get("customer_name"), f.get("email_address"), f.get("first_name"),
                f.get("last_name"), f.get("phys_address1"), f.get("phys_address2"), f.get("phys_city"),
                f.get("phys_state"), f.get("phys_postal_code"), f.get("phys_country"), f.get("central_phone_number"),
                f.get("terms_id"), dateCreated, at);
    }

    /** The editable fields by P21 column name, in {@link #EDITABLE} order (values may be null). */
    Map<String, String> fields() {
        List<String> values = Arrays.asList(customerName, emailAddress, firstName, lastName, physAddress1,
                physAddress2, physCity, physState, physPostalCode, physCountry, centralPhoneNumber, termsId);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < EDITABLE.size(); i++) {
            fields.put(EDITABLE.get(i), values.get(i));
        }
        return fields;
    }
}
