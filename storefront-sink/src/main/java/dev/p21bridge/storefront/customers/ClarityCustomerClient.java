package dev.p21bridge.storefront.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.schemas.content.CustomerContent;
import dev.p21bridge.storefront.PathSegment;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontAnswer;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontHttp;
import okhttp3.HttpUrl;

/**
 * Customers in Clarity as CEF contacts: {@code GET /API-Storefront/Contacts/Contact/ByEmail/{e-mail}} and, when it
 * differs, one {@code PUT /API-Storefront/Contacts/Contact/{ID}} with names, {@code Phone1} and the billing
 * {@code Address}. Both routes are the simulator's: Clarity documents no public customer routes. A 404 means the
 * store has no such customer; {@code ActionSucceeded=false} on any other answer is a refusal.
 */
public final class ClarityCustomerClient implements StorefrontCustomers {

    private final StorefrontHttp http;
    private final HttpUrl contacts;

    public ClarityCustomerClient(StorefrontHttp http, HttpUrl baseUrl) {
        this.http = http;
        this.contacts = baseUrl.newBuilder().addPathSegment("API-Storefront").addPathSegment("Contacts")
                .addPathSegment("Contact").build();
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    @Override
    public SyncOutcome sync(String email, CustomerFields wanted) {
        StorefrontAnswer read = http.get(contacts.newBuilder().addPathSegment("ByEmail")
                .addPathSegment(PathSegment.ofEmail(email)).build(),
                "contact");
        if (read.status() == 404) {
            return SyncOutcome.NOT_A_CUSTOMER;
        }
        JsonNode contact = succeeded(read, "the contact search").path("Result");
        JsonNode address = contact.path("Address");
        if (wanted.isShownBy(text(contact, "FirstName"), text(contact, "LastName"), text(contact, "Phone1"),
                CustomerContent.joinLines(text(address, "Street1"), text(address, "Street2")), text(address, "City"),
                text(address, "RegionCode"), text(address, "PostalCode"), text(address, "CountryCode"))) {
            return SyncOutcome.ALREADY_CURRENT;
        }
        String id = contact.path("ID").asText();
        succeeded(http.send(contacts.newBuilder().addPathSegment(PathSegment.of("Clarity contact id", id)).build(), "PUT", body(wanted), "contact-update"),
                "contact " + id);
        return SyncOutcome.CHANGED;
    }

    private ObjectNode body(CustomerFields wanted) {
        ObjectNode body = http.json().createObjectNode();
        if (wanted.hasName()) {
            body.put("FirstName", orEmpty(wanted.firstName())).put("LastName", orEmpty(wanted.lastName()));
        }
        if (wanted.phone() != null) {
            body.put("Phone1", wanted.phone());
        }
        if (wanted.hasAddress()) {
            ObjectNode address = body.putObject("Address").put("Street1", wanted.line1())
                    .put("Street2", orEmpty(wanted.line2())).put("City", orEmpty(wanted.city()))
                    .put("RegionCode", orEmpty(wanted.regionCode())).put("PostalCode", orEmpty(wanted.postalCode()));
            if (wanted.countryCode() != null) {
                address.put("CountryCode", wanted.countryCode());
            }
        }
        return body;
    }

    private static String text(JsonNode json, String field) {
        return json.path(field).isValueNode() && !json.path(field).isNull() ? json.path(field).asText() : null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private JsonNode succeeded(StorefrontAnswer answer, String what) {
        if (!answer.isSuccessful() || !answer.json().path("ActionSucceeded").asBoolean(false)) {
            throw new StorefrontCallException(http.storefront(), answer.status(), what + ": " + answer.detail(),
                    answer.retryAfter());
        }
        return answer.json();
    }
}
