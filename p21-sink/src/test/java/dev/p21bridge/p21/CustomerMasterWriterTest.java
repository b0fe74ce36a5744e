package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.p21.CustomerOutcome.AlreadyCurrent;
import dev.p21bridge.p21.CustomerOutcome.Created;
import dev.p21bridge.p21.CustomerOutcome.Updated;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TokenProvider;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.Source;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerMasterWriterTest {

    static {
        AvroClassTrust.trustCanonicalSchemas();
    }

    private StubP21 p21;
    private CustomerResolver resolver;
    private CustomerMasterWriter writer;

    @BeforeEach
    void start() {
        p21 = new StubP21();
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        ObjectMapper json = new ObjectMapper();
        HttpUrl url = HttpUrl.get(p21.baseUrl());
        P21ErrorPolicy policy = new P21ErrorPolicy();
        P21TokenProvider tokens = new P21TokenProvider(http, url, "p21api", "secret", Clock.systemUTC(), json);
        P21HttpClient client = new P21HttpClient(http, tokens, policy,
                CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()), new SimpleMeterRegistry(), json);
        P21RecordFinder finder = new P21RecordFinder(new P21ODataClient(client, url));
        P21TransactionClient transactions = new P21TransactionClient(client, url);
        resolver = new CustomerResolver(finder, transactions, new P21OrderMapper(), policy, 100);
        writer = new CustomerMasterWriter(finder, transactions, resolver, new P21CustomerMapper(), policy);
    }

    @AfterEach
    void stop() {
        p21.close();
    }

    @Test
    void shouldCreateAMissingCustomerOnceAndCallNothingForARedeliveredSignUp() {
        Customer signUp = signUp("Ada.Lovelace@Example.com", "512-555-0100", "12 Analytical Way");

        CustomerOutcome first = writer.write(signUp);
        CustomerOutcome again = writer.write(signUp);

        assertThat(first).isInstanceOf(Created.class);
        String id = ((Created) first).customerId();
        assertThat(again).isEqualTo(new AlreadyCurrent(id));
        assertThat(p21.customerTransactions).hasSize(1);
        assertThat(p21.customers().get(id))
                .containsEntry("email_address", "ada.lovelace@example.com")
                .containsEntry("customer_name", "Ada Lovelace")
                .containsEntry("first_name", "Ada")
                .containsEntry("phys_address1", "12 Analytical Way")
                .containsEntry("phys_state", "TX")
                .containsEntry("central_phone_number", "512-555-0100");
    }

    @Test
    void shouldSendOnlyTheChangedFieldsAndNeverAFinancialOne() {
        String id = p21.seedCustomer(Map.ofEntries(Map.entry("customer_name", "Lovelace Engines"),
                Map.entry("email_address", "ada.lovelace@example.com"), Map.entry("first_name", "Ada"),
                Map.entry("last_name", "Lovelace"), Map.entry("phys_address1", "12 Analytical Way"),
                Map.entry("phys_city", "Austin"), Map.entry("phys_state", "TX"), Map.entry("phys_postal_code", "78701"),
                Map.entry("phys_country", "US"), Map.entry("central_phone_number", "512-555-0100"),
                Map.entry("credit_limit", "5000"), Map.entry("terms_id", "NET30"), Map.entry("taxable_flag", "N")));

        CustomerOutcome moved = writer.write(signUp("ada.lovelace@example.com", "512-555-0199", "99  Difference Rd"));

        assertThat(moved).isEqualTo(new Updated(id, Set.of("phys_address1", "central_phone_number")));
        assertThat(p21.customerTransactions).singleElement().satisfies(edits -> {
            assertThat(edits).containsOnlyKeys("customer_id", "phys_address1", "central_phone_number");
        });
        assertThat(p21.customers().get(id))
                .containsEntry("customer_name", "Lovelace Engines")
                .containsEntry("credit_limit", "5000").containsEntry("terms_id", "NET30")
                .containsEntry("taxable_flag", "N")
                .containsEntry("phys_address1", "99 Difference Rd");
        assertThat(P21CustomerFields.STORE_MAY_CHANGE).doesNotContainAnyElementsOf(P21CustomerFields.NEVER_FROM_A_STORE);
    }

    @Test
    void shouldTreatBlanksAndCaseAsNoChange() {
        writer.write(signUp("ada@example.com", "512-555-0100", "12 Analytical Way"));
        Customer sameButSpaced = Customer.newBuilder(signUp("ADA@example.com", " 512-555-0100 ", "12  Analytical Way"))
                .setBillingAddress(Address.newBuilder(address("12  Analytical Way")).setRegionCode("tx").build())
                .build();

        assertThat(writer.write(sameButSpaced)).isInstanceOf(AlreadyCurrent.class);
        assertThat(p21.customerTransactions).hasSize(1);
    }

    @Test
    void shouldLetAFreshOrderOfANewBuyerWaitForTheCustomerPathWhichAloneCreatesIt() {
        Order fresh = SampleOrders.variant("fresh-1", "new.buyer@example.com");
        fresh.setEventTime(Instant.now());
        Customer announced = Customer.newBuilder(signUp("New.Buyer@Example.com", "512-555-0111", "1 First St"))
                .setAnnouncedBy(fresh.getOrderKey()).build();

        assertThatThrownBy(() -> resolver.resolve(fresh)).isInstanceOf(P21CallException.class)
                .hasMessageContaining("the customer path creates it");
        assertThat(p21.customers()).isEmpty();

        CustomerOutcome created = writer.ensure(announced);
        CustomerOutcome again = writer.ensure(announced);

        assertThat(created).isInstanceOf(Created.class);
        assertThat(again).isEqualTo(new AlreadyCurrent(((Created) created).customerId()));
        assertThat(resolver.resolve(fresh)).isEqualTo(((Created) created).customerId());
        assertThat(p21.customerTransactions).as("one create, no update from an order's copy of its buyer").hasSize(1);
    }

    @Test
    void shouldLetAnOrderOverAMinuteOldCreateItsBuyerItself() {
        Order replayed = SampleOrders.variant("old-1", "late.buyer@example.com");
        replayed.setEventTime(Instant.now().minus(CustomerResolver.CREATES_AFTER).minusSeconds(1));

        String id = resolver.resolve(replayed);

        assertThat(p21.customers().get(id)).containsEntry("email_address", "late.buyer@example.com");
    }

    @Test
    void shouldGiveASignUpAndTheSameBuyersOrdersOneCustomerWhenTheyMeet() throws Exception {
        p21.odataLatencyMs = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean order = i % 2 == 0;
                String n = Integer.toString(i);
                ids.add(pool.submit(() -> {
                    go.await();
                    return order ? resolver.resolve(SampleOrders.variant(n, "race@example.com"))
                            : ((Created) createdOrCurrent(writer.write(signUp("Race@Example.com", "1", "1 Way"))))
                                    .customerId();
                }));
            }
            go.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get(30, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(p21.customers().values().stream()
                    .filter(c -> "race@example.com".equalsIgnoreCase(c.get("email_address")))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldLeaveP21sOwnAndTheBridgesOwnChangesAlone() {
        Customer store = signUp("a@example.com", "1", "1 Way");

        assertThat(CustomerRecordProcessor.fromAStore(store)).isTrue();
        assertThat(CustomerRecordProcessor.fromAStore(Customer.newBuilder(store).setSource(Source.P21).build())).isFalse();
        assertThat(CustomerRecordProcessor.fromAStore(Customer.newBuilder(store).setOrigin("p21").build())).isFalse();
        assertThat(CustomerRecordProcessor.fromAStore(Customer.newBuilder(store).setAnnouncedBy("xcart:10452").build()))
                .as("an order's buyer, resolved with the order").isFalse();
        assertThat(CustomerRecordProcessor.fromAStore(Customer.newBuilder(store).setSource(Source.UNKNOWN).build()))
                .isFalse();
    }

    /** Created and AlreadyCurrent both name the customer; the racing sign-ups find the one the first made. */
    private static CustomerOutcome createdOrCurrent(CustomerOutcome outcome) {
        if (outcome instanceof AlreadyCurrent current) {
            return new Created(current.customerId());
        }
        if (outcome instanceof Updated updated) {
            return new Created(updated.customerId());
        }
        return outcome;
    }

    static Customer signUp(String email, String phone, String line1) {
        return Customer.newBuilder()
                .setEmail(email).setSource(Source.XCART).setSourceEventId("evt-" + email)
                .setChangeType(ChangeType.CREATED).setEventTime(Instant.parse("2026-11-20T14:03:12Z"))
                .setSourceCustomerId("3310").setFirstName("Ada").setLastName("Lovelace").setPhone(phone)
                .setBillingAddress(address(line1)).setChangedAt(Instant.parse("2026-11-20T14:03:11Z"))
                .build();
    }

    private static Address address(String line1) {
        return Address.newBuilder().setLine1(line1).setCity("Austin").setRegionCode("TX").setPostalCode("78701")
                .setCountryCode("US").build();
    }
}
