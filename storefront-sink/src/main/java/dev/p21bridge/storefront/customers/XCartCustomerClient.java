package dev.p21bridge.storefront.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.storefront.PathSegment;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontAnswer;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontHttp;
import okhttp3.HttpUrl;

/**
 * Customers in X-Cart 5.5's API: the profile found by {@code GET /api/profiles?login=<e-mail>}, its billing address
 * read with {@code GET /api/profiles/{id}/addresses} and, when it differs, written with one
 * {@code PUT /api/profiles/{id}/addresses/{address_id}}. X-Cart keeps the customer's name and phone on the address
 * and the street in one field, so both P21 street lines go there joined by a blank.
 */
public final class XCartCustomerClient implements StorefrontCustomers {

    private final StorefrontHttp http;
    private final HttpUrl api;

    public XCartCustomerClient(StorefrontHttp http, HttpUrl baseUrl) {
        this.http = http;
        this.api = baseUrl.newBuilder().addPathSegment("api").build();
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    @Override
    public SyncOutcome sync(String email, CustomerFields wanted) {
        JsonNode profiles = ok(http.get(api.newBuilder().addPathSegment("profiles").addQueryParameter("login", email)
                .build(), "profile-search"), "the profile search").json();
        JsonNode list = profiles.isArray() ? profiles : profiles.path("hydra:member");
        if (list.isEmpty() || !list.get(0).path("id").canConvertToLong()) {
            return SyncOutcome.NOT_A_CUSTOMER;
        }
        String profileId = list.get(0).path("id").asText();
        JsonNode billing = null;
        JsonNode addresses = ok(http.get(addresses(profileId).build(), "profile-addresses"), "profile " + profileId).json();
        for (JsonNode address : addresses.isArray() ? addresses : addresses.path("hydra:member")) {
            if (billing == null && address.path("is_billing").asBoolean(false)) {
                billing = address;
            }
        }
        if (billing == null) {
            return SyncOutcome.NOT_A_CUSTOMER;
        }
        if (wanted.isShownBy(text(billing, "firstname"), text(billing, "lastname"), text(billing, "phone"),
                text(billing, "street"), text(billing, "city"), text(billing, "state_name"), text(billing, "zipcode"),
                text(billing, "country_code"))) {
            return SyncOutcome.ALREADY_CURRENT;
        }
        String addressId = billing.path("id").asText();
        ok(http.send(addresses(profileId).addPathSegment(PathSegment.of("X-Cart address id", addressId)).build(), "PUT", body(billing, wanted),
                "profile-address"), "address " + addressId + " of profile " + profileId);
        return SyncOutcome.CHANGED;
    }

    /** The address as read with the wanted fields over it: X-Cart's PUT sets every field of its input. */
    private ObjectNode body(JsonNode billing, CustomerFields wanted) {
        ObjectNode body = http.json().createObjectNode();
        for (String field : new String[] {"is_billing", "is_shipping", "is_work", "type", "title", "firstname",
            "lastname", "phone", "street", "zipcode", "city", "country_code", "state", "state_name"}) {
            if (billing.has(field)) {
                body.set(field, billing.get(field));
            }
        }
        if (wanted.hasName()) {
            body.put("firstname", orEmpty(wanted.firstName())).put("lastname", orEmpty(wanted.lastName()));
        }
        if (wanted.phone() != null) {
            body.put("phone", wanted.phone());
        }
        if (wanted.hasAddress()) {
            body.put("street", wanted.street()).put("city", orEmpty(wanted.city()))
                    .put("state_name", orEmpty(wanted.regionCode())).put("zipcode", orEmpty(wanted.postalCode()));
            if (wanted.countryCode() != null) {
                body.put("country_code", wanted.countryCode());
            }
        }
        return body;
    }

    private HttpUrl.Builder addresses(String profileId) {
        return api.newBuilder().addPathSegment("profiles").addPathSegment(PathSegment.of("X-Cart profile id", profileId))
                .addPathSegment("addresses");
    }

    private static String text(JsonNode json, String field) {
        return json.path(field).isValueNode() && !json.path(field).isNull() ? json.path(field).asText() : null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private StorefrontAnswer ok(StorefrontAnswer answer, String what) {
        if (!answer.isSuccessful()) {
            throw new StorefrontCallException(http.storefront(), answer.status(), what + ": " + answer.detail(),
                    answer.retryAfter());
        }
        return answer;
    }
}
