package dev.p21bridge.simulators.xcart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.Address;
import dev.p21bridge.simulators.storefront.CustomerUpdates;
import dev.p21bridge.simulators.storefront.StorefrontCustomer;
import dev.p21bridge.simulators.storefront.StorefrontState;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * X-Cart 5.5's profile resources ({@code XLite\Model\Profile} and {@code XLite\Model\Address} in API Platform):
 * {@code GET /api/profiles?login=}, {@code GET /api/profiles/{id}}, {@code GET /api/profiles/{profile_id}/addresses}
 * and {@code PUT /api/profiles/{profile_id}/addresses/{address_id}} with the {@code ProfileAddressInput} fields.
 * X-Cart keeps a customer's name and phone on the addresses, not on the profile, and the street in one field.
 *
 * <p>Simulator simplifications: the {@code login} filter matches the whole login (any case); the state is kept as
 * its code in {@code state_name} ({@code state} is always 0, where a real store has a state id); the store ships to
 * US addresses only, so another {@code country_code} is refused with 400. A PUT changes the fields it names. The
 * billing address is id {@code profile_id * 10 + 1}; a separate shipping address is {@code + 2}. Every PUT is
 * announced with a {@code customer.updated} webhook.
 */
final class XCartProfileApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter ATOM = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Set<String> US = Set.of("US", "USA");

    private final StorefrontState state;
    private final CustomerUpdates updates;

    XCartProfileApi(StorefrontState state, CustomerUpdates updates) {
        this.state = state;
        this.updates = updates;
    }

    void install(JavalinConfig cfg) {
        cfg.routes.get("/api/profiles", this::listProfiles);
        cfg.routes.get("/api/profiles/{id}", ctx -> withProfile(ctx, "id").ifPresent(c -> ctx.json(profile(c))));
        cfg.routes.get("/api/profiles/{profile_id}/addresses", ctx -> withProfile(ctx, "profile_id")
                .ifPresent(c -> ctx.json(addresses(c))));
        cfg.routes.put("/api/profiles/{profile_id}/addresses/{address_id}", this::putAddress);
    }

    private void listProfiles(Context ctx) {
        String login = ctx.queryParam("login");
        if (login == null || login.isBlank()) {
            XCartApi.fail(ctx, 400, "login: this simulator lists profiles by login only");
            return;
        }
        ArrayNode list = NODES.arrayNode();
        state.customer(login).ifPresent(c -> list.add(profile(c)));
        ctx.json(list);
    }

    private void putAddress(Context ctx) {
        Optional<StorefrontCustomer> customer = withProfile(ctx, "profile_id");
        if (customer.isEmpty()) {
            return;
        }
        long addressId = addressId(ctx.pathParam("address_id"));
        StorefrontCustomer c = customer.get();
        boolean billing = addressId == billingId(c);
        if (!billing && (c.sameAddress() || addressId != c.profileId() * 10 + 2)) {
            XCartApi.fail(ctx, 404, "Not Found");
            return;
        }
        Optional<JsonNode> body = XCartApi.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        JsonNode in = body.get();
        String country = text(in, "country_code", "US").toUpperCase(Locale.ROOT);
        if (!US.contains(country)) {
            XCartApi.fail(ctx, 400, "country_code: this store ships to US addresses only, got '" + country + "'");
            return;
        }
        Address old = billing ? c.billing() : c.shipping();
        String first = text(in, "firstname", firstName(old, c));
        String last = text(in, "lastname", lastName(old, c));
        String phone = text(in, "phone", old.phone());
        String name = (first + " " + last).strip();
        Address address = new Address(name, old.company(), text(in, "street", street(old)).replaceAll("\\s*\\R\\s*", " "),
                null, text(in, "city", old.city()), text(in, "state_name", old.state()).toUpperCase(Locale.ROOT),
                text(in, "zipcode", old.zip()), phone);
        StorefrontCustomer changed = updates.change(c.email(), current -> billing
                ? current.withBilling(first, last, phone, address, state.now())
                : current.withShipping(address, state.now())).orElseThrow();
        ctx.json(address(changed, addressId, billing ? changed.billing() : changed.shipping()));
    }

    private ObjectNode profile(StorefrontCustomer c) {
        return NODES.objectNode().put("id", c.profileId()).put("login", StorefrontCustomer.key(c.email()))
                .put("access_level", 0).put("create_date", ATOM.format(c.created()))
                .putNull("first_login_date").putNull("last_login_date").put("status", "E").put("status_comment", "")
                .put("referer", "").put("language", "en").putNull("membership_id").putNull("pending_membership_id")
                .put("force_change_password", false).set("role_ids", NODES.arrayNode());
    }

    private ArrayNode addresses(StorefrontCustomer c) {
        ArrayNode list = NODES.arrayNode();
        list.add(address(c, billingId(c), c.billing()));
        if (!c.sameAddress()) {
            list.add(address(c, c.profileId() * 10 + 2, c.shipping()));
        }
        return list;
    }

    private static ObjectNode address(StorefrontCustomer c, long id, Address a) {
        boolean billing = id == billingId(c);
        return NODES.objectNode().put("id", id).put("is_billing", billing).put("is_shipping", !billing || c.sameAddress())
                .put("is_work", false).put("type", "R").put("title", "")
                .put("firstname", firstName(a, c)).put("lastname", lastName(a, c)).put("phone", nullToEmpty(a.phone()))
                .put("street", street(a)).put("zipcode", nullToEmpty(a.zip())).put("city", nullToEmpty(a.city()))
                .put("country_code", a.country()).put("state", 0).put("state_name", nullToEmpty(a.state()))
                .set("custom_fields", NODES.arrayNode());
    }

    private Optional<StorefrontCustomer> withProfile(Context ctx, String param) {
        long id = addressId(ctx.pathParam(param));
        Optional<StorefrontCustomer> customer = id < 0 ? Optional.empty() : state.customerByProfileId(id);
        if (customer.isEmpty()) {
            XCartApi.fail(ctx, 404, "Not Found");
        }
        return customer;
    }

    private static long billingId(StorefrontCustomer c) {
        return c.profileId() * 10 + 1;
    }

    /** The person's names when the address is addressed to the customer, else the attention line split once. */
    private static String firstName(Address a, StorefrontCustomer c) {
        if (a.name().equals(c.fullName())) {
            return c.firstName();
        }
        int space = a.name().indexOf(' ');
        return space < 0 ? "" : a.name().substring(0, space);
    }

    private static String lastName(Address a, StorefrontCustomer c) {
        if (a.name().equals(c.fullName())) {
            return c.lastName();
        }
        return a.name().substring(a.name().indexOf(' ') + 1);
    }

    private static String street(Address a) {
        return a.line2() == null ? a.line1() : a.line1() + " " + a.line2();
    }

    /** The field's text; {@code fallback} when the field is absent, empty when it is null. */
    private static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        return value.isNull() ? "" : value.asText().strip();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static long addressId(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
