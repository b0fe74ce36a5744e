package dev.p21bridge.simulators.clarity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.Address;
import dev.p21bridge.simulators.storefront.CustomerUpdates;
import dev.p21bridge.simulators.storefront.StorefrontCustomer;
import dev.p21bridge.simulators.storefront.StorefrontState;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A Clarity customer as a CEF contact, answered in the {@code {ActionSucceeded, Messages, Result}} envelope.
 * <b>Invented by this simulator</b> (Clarity documents no public customer routes):
 * {@code GET /API-Storefront/Contacts/Contact/ByEmail/{Email}} and {@code PUT /API-Storefront/Contacts/Contact/{ID}}
 * with any of {@code FirstName}, {@code LastName}, {@code Phone1} and {@code Address} (the billing address:
 * {@code Street1}, {@code Street2}, {@code City}, {@code RegionCode}, {@code PostalCode}, {@code CountryCode}); the
 * fields named are changed, the rest kept. {@code ID} is the customer key ({@code C-55001}). The store ships to US
 * addresses only: another country is refused. Every PUT is announced with a {@code customer.updated} webhook.
 */
final class ClarityContactApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BASE = "/API-Storefront/Contacts/Contact";
    private static final Set<String> US = Set.of("US", "USA");

    private final StorefrontState state;
    private final CustomerUpdates updates;

    ClarityContactApi(StorefrontState state, CustomerUpdates updates) {
        this.state = state;
        this.updates = updates;
    }

    void install(JavalinConfig cfg) {
        cfg.routes.get(BASE + "/ByEmail/{Email}", ctx -> state.customer(ctx.pathParam("Email")).ifPresentOrElse(
                c -> ClarityApi.succeed(ctx, contact(c)), () -> ClarityApi.fail(ctx, 404, "Contact not found")));
        cfg.routes.put(BASE + "/{ID}", this::putContact);
    }

    private void putContact(Context ctx) {
        Optional<StorefrontCustomer> found = state.customerById(ctx.pathParam("ID"));
        if (found.isEmpty()) {
            ClarityApi.fail(ctx, 404, "Contact " + ctx.pathParam("ID") + " not found");
            return;
        }
        Optional<JsonNode> body = ClarityApi.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        StorefrontCustomer c = found.get();
        JsonNode in = body.get();
        JsonNode newAddress = in.path("Address");
        if (!newAddress.isMissingNode() && !newAddress.isNull() && !newAddress.isObject()) {
            ClarityApi.fail(ctx, 400, "Address must be an object");
            return;
        }
        String country = text(newAddress, "CountryCode", "US").toUpperCase(Locale.ROOT);
        if (!US.contains(country)) {
            ClarityApi.fail(ctx, 400, "This store ships to US addresses only; CountryCode '" + country + "' refused");
            return;
        }
        String first = text(in, "FirstName", c.firstName());
        String last = text(in, "LastName", c.lastName());
        String phone = text(in, "Phone1", c.phone());
        Address old = c.billing();
        Address address = new Address(old.name().equals(c.fullName()) ? first + " " + last : old.name(),
                old.company(), text(newAddress, "Street1", old.line1()), emptyToNull(text(newAddress, "Street2", old.line2())),
                text(newAddress, "City", old.city()), text(newAddress, "RegionCode", old.state()).toUpperCase(Locale.ROOT),
                text(newAddress, "PostalCode", old.zip()), phone);
        StorefrontCustomer changed = updates.change(c.email(),
                current -> current.withBilling(first, last, phone, address, state.now())).orElseThrow();
        ClarityApi.succeed(ctx, contact(changed));
    }

    private static ObjectNode contact(StorefrontCustomer c) {
        ObjectNode json = NODES.objectNode().put("ID", c.customerId()).put("CustomerKey", c.customerId())
                .put("Email1", c.email().strip()).put("FirstName", c.firstName()).put("LastName", c.lastName())
                .put("FullName", c.fullName()).put("Phone1", c.phone()).put("CompanyName", c.company());
        json.set("Address", address(c.billing()));
        json.set("ShippingAddress", address(c.shipping()));
        return json;
    }

    private static ObjectNode address(Address a) {
        return NODES.objectNode().put("Street1", a.line1()).put("Street2", a.line2()).put("City", a.city())
                .put("RegionCode", a.state()).put("PostalCode", a.zip()).put("CountryCode", a.country());
    }

    /** The field's text; {@code fallback} when the field is absent, empty when it is null. */
    private static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        return value.isNull() ? "" : value.asText().strip();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
