package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * What {@code POST /sim/customers} asks for (docs/contract.md, section 'Simulators'):
 * {@code {"email","first_name","last_name","phone","address"}}, the address
 * {@code {"line1","line2","city","state","zip"}} (X-Cart's {@code street}/{@code zipcode} and Clarity's
 * {@code regionCode}/{@code postalCode} are taken too). {@code company} is this simulator's extension. The one address
 * is the customer's billing and shipping address, as a shopper's first address is in both storefronts.
 */
public record SignUpRequest(String email, String firstName, String lastName, String company, String phone,
                            String line1, String line2, String city, String state, String zip) {

    public SignUpRequest {
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("email is required and must contain '@'");
        }
        require(firstName, "first_name");
        require(lastName, "last_name");
        require(line1, "address.line1");
        require(city, "address.city");
    }

    /** Reads the body; any missing or wrong field is an {@link IllegalArgumentException} naming it. */
    public static SignUpRequest fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object like {\"email\": \"...\", \"first_name\": ...}");
        }
        JsonNode address = body.path("address");
        if (!address.isObject()) {
            throw new IllegalArgumentException("address is required: {\"line1\",\"line2\",\"city\",\"state\",\"zip\"}");
        }
        return new SignUpRequest(text(body, "email"), text(body, "first_name"), text(body, "last_name"),
                text(body, "company"), text(body, "phone"), first(address, "line1", "street"), text(address, "line2"),
                text(address, "city"), first(address, "state", "regionCode"), first(address, "zip", "zipcode",
                        "postalCode"));
    }

    /** The buyer as the storefront keeps it, with the given index and ids. */
    Customer asCustomer(int index, long profileId, String customerId) {
        String fullName = firstName.strip() + " " + lastName.strip();
        Address address = new Address(fullName, company, line1.strip(), line2, city.strip(), state, zip, phone);
        return new Customer(index, profileId, customerId, firstName.strip(), lastName.strip(), company, email.strip(),
                phone, address, address, BigDecimal.ZERO);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + value);
        }
        return value.asText().isBlank() ? null : value.asText();
    }
}
