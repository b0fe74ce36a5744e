package dev.p21bridge.storefront.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.ClientFixtures;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontErrorPolicy;
import dev.p21bridge.storefront.StorefrontHttp;
import dev.p21bridge.storefront.customers.StorefrontCustomers.SyncOutcome;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customer writes read first and write once, in X-Cart's profile-address and Clarity's contact shapes. */
class CustomerClientsTest {

    private static final String EMAIL = "dana.whitfield@example.com";

    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    private ObjectNode xcartAddress;
    private ObjectNode contact;
    private Javalin stub;
    private XCartCustomerClient xcart;
    private ClarityCustomerClient clarity;

    @BeforeEach
    void setUp() {
        xcartAddress = ClientFixtures.JSON.createObjectNode().put("id", 33_101).put("is_billing", true)
                .put("is_shipping", true).put("firstname", "Dana").put("lastname", "Whitfield")
                .put("phone", "512-555-0142").put("street", "1200 N Lamar Blvd Ste 300").put("city", "Austin")
                .put("state_name", "TX").put("zipcode", "78703").put("country_code", "US");
        contact = ClientFixtures.JSON.createObjectNode().put("ID", "C-55001").put("FirstName", "Dana")
                .put("LastName", "Whitfield").put("Phone1", "512-555-0142");
        contact.putObject("Address").put("Street1", "1200 N Lamar Blvd").put("Street2", "Ste 300")
                .put("City", "Austin").put("RegionCode", "TX").put("PostalCode", "78703").put("CountryCode", "US");
        stub = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/api/profiles", ctx -> ctx.json(EMAIL.equals(ctx.queryParam("login"))
                    ? List.of(Map.of("id", 3310, "login", EMAIL)) : List.of()));
            cfg.routes.get("/api/profiles/3310/addresses", ctx -> ctx.json(List.of(xcartAddress)));
            cfg.routes.put("/api/profiles/3310/addresses/{id}", ctx -> {
                JsonNode body = ClientFixtures.JSON.readTree(ctx.body());
                if (!"US".equals(body.path("country_code").asText())) {
                    ctx.status(400).json(Map.of("message", "country_code: US addresses only"));
                    return;
                }
                writes.add("xcart " + ctx.body());
                xcartAddress.setAll((ObjectNode) body);
                ctx.json(xcartAddress);
            });
            cfg.routes.get("/API-Storefront/Contacts/Contact/ByEmail/{email}", ctx -> {
                if (EMAIL.equals(ctx.pathParam("email"))) {
                    ctx.json(Map.of("ActionSucceeded", true, "Messages", List.of(), "Result", contact));
                } else {
                    ctx.status(404).json(Map.of("ActionSucceeded", false, "Messages", List.of("Contact not found")));
                }
            });
            cfg.routes.put("/API-Storefront/Contacts/Contact/C-55001", ctx -> {
                writes.add("clarity " + ctx.body());
                ObjectNode body = (ObjectNode) ClientFixtures.JSON.readTree(ctx.body());
                ((ObjectNode) contact.get("Address")).setAll((ObjectNode) body.remove("Address"));
                contact.setAll(body);
                ctx.json(Map.of("ActionSucceeded", true, "Messages", List.of(), "Result", contact));
            });
        }).start("127.0.0.1", 0);
        HttpUrl base = HttpUrl.get("http://localhost:" + stub.port());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        xcart = new XCartCustomerClient(new StorefrontHttp(ClientFixtures.HTTP, Storefront.XCART, "X-Auth-Token", "t",
                metrics, ClientFixtures.JSON, Clock.systemUTC(), ClientFixtures.breaker("xcart", Clock.systemUTC())), base);
        clarity = new ClarityCustomerClient(new StorefrontHttp(ClientFixtures.HTTP, Storefront.CLARITY, "Authorization",
                "Bearer t", metrics, ClientFixtures.JSON, Clock.systemUTC(),
                ClientFixtures.breaker("clarity", Clock.systemUTC())), base);
    }

    @AfterEach
    void tearDown() {
        stub.stop();
    }

    @Test
    void shouldWriteNothingWhenTheStorefrontAlreadyShowsTheP21Customer() {
        CustomerFields same = fields("1200 N Lamar Blvd", "Ste 300", "78703");

        assertThat(xcart.sync(EMAIL, same)).isEqualTo(SyncOutcome.ALREADY_CURRENT);
        assertThat(clarity.sync(EMAIL, same)).isEqualTo(SyncOutcome.ALREADY_CURRENT);
        assertThat(writes).isEmpty();
    }

    @Test
    void shouldWriteAChangedAddressOnceAndNotAgainWhenTheRecordComesTwice() {
        CustomerFields moved = fields("4410 Industrial Oaks Blvd", "Dock 4", "78735");

        assertThat(xcart.sync(EMAIL, moved)).isEqualTo(SyncOutcome.CHANGED);
        assertThat(clarity.sync(EMAIL, moved)).isEqualTo(SyncOutcome.CHANGED);
        assertThat(xcart.sync(EMAIL, moved)).isEqualTo(SyncOutcome.ALREADY_CURRENT);
        assertThat(clarity.sync(EMAIL, moved)).isEqualTo(SyncOutcome.ALREADY_CURRENT);

        assertThat(writes).hasSize(2);
        assertThat(xcartAddress.path("street").asText()).isEqualTo("4410 Industrial Oaks Blvd Dock 4");
        assertThat(xcartAddress.path("is_shipping").asBoolean()).isTrue();
        assertThat(contact.path("Address").path("Street2").asText()).isEqualTo("Dock 4");
        assertThat(writes).noneMatch(w -> w.contains("credit") || w.contains("terms"));
    }

    @Test
    void shouldTellAStorefrontWithoutTheCustomerApartFromAFailure() {
        CustomerFields someone = fields("1 Main St", null, "10001");

        assertThat(xcart.sync("nobody@example.com", someone)).isEqualTo(SyncOutcome.NOT_A_CUSTOMER);
        assertThat(clarity.sync("nobody@example.com", someone)).isEqualTo(SyncOutcome.NOT_A_CUSTOMER);
    }

    @Test
    void shouldSurfaceARefusalForThePolicyToDeadLetter() {
        CustomerFields abroad = new CustomerFields("Dana", "Whitfield", null, "1 King St W", null, "Toronto", "ON",
                "M5H 1A1", "CA");

        assertThatThrownBy(() -> xcart.sync(EMAIL, abroad)).isInstanceOfSatisfying(StorefrontCallException.class,
                e -> assertThat(new StorefrontErrorPolicy().classify(e)).isEqualTo(StorefrontErrorPolicy.Verdict.REJECTED));
    }

    @Test
    void shouldTakeNamesPhoneAndBillingAddressFromTheCanonicalCustomerAndNothingElse() {
        Customer customer = Customer.newBuilder().setEmail(EMAIL).setSource(Source.P21).setSourceEventId("e")
                .setChangeType(ChangeType.UPDATED).setEventTime(Instant.EPOCH).setChangedAt(Instant.EPOCH)
                .setFirstName(" Dana ").setLastName("Whitfield").setPhone("512-555-0142").setCompany("Whitfield LLC")
                .setBillingAddress(Address.newBuilder().setLine1("1200 N Lamar Blvd").setLine2("Ste 300")
                        .setCity("Austin").setRegionCode("tx").setPostalCode("78703").setCountryCode("us").build())
                .build();

        assertThat(CustomerFields.of(customer)).isEqualTo(new CustomerFields("Dana", "Whitfield", "512-555-0142",
                "1200 N Lamar Blvd", "Ste 300", "Austin", "TX", "78703", "US"));
    }

    private static CustomerFields fields(String line1, String line2, String zip) {
        return new CustomerFields("Dana", "Whitfield", "512-555-0142", line1, line2, "Austin", "TX", zip, "US");
    }
}
