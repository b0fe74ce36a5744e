package dev.p21bridge.simulators.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.p21bridge.simulators.catalog.SimCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The snapshot plus journal behind {@link P21Store}, driven through the store and the simulator's own services. */
class P21JournalTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepOrdersAndCustomersAcrossAReopenThroughSnapshotAndJournal() throws IOException {
        P21Snapshot before;
        String lastOrderNo;
        Instant lastChange;
        long customerId;
        byte[] snapshotAtStart;
        try (P21Store store = new P21Store(dataDir)) {
            store.flush();
            snapshotAtStart = Files.readAllBytes(snapshot());
            customerId = createCustomer(store, "Fenwick Boiler Works", "buyer@fenwick.example");
            store.flush();
            createOrder(store, "xcart:1", Long.toString(customerId), 3);
            lastOrderNo = createOrder(store, "xcart:2", "100100", 2);
            store.flush();
            lastChange = new P21Warehouse(store).ship(lastOrderNo, "UPS", "1Z999").dateLastModified();
            changeCustomer(store, customerId, "Fenwick Boiler Works Inc");
            before = contents(store);
        }

        assertThat(Files.readAllBytes(snapshot())).isEqualTo(snapshotAtStart);
        assertThat(journalLines()).isNotEmpty();

        try (P21Store store = new P21Store(dataDir)) {
            assertThat(contents(store)).isEqualTo(before);
            assertThat(store.read(s -> s.customer(customerId)).orElseThrow().customerName())
                    .isEqualTo("Fenwick Boiler Works Inc");
            assertThat(store.read(s -> s.order(lastOrderNo)).orElseThrow().completed()).isTrue();

            String next = createOrder(store, "xcart:3", "100100", 1);
            assertThat(Long.parseLong(next)).isEqualTo(Long.parseLong(lastOrderNo) + 1);
            assertThat(store.read(s -> s.order(next)).orElseThrow().dateLastModified()).isAfter(lastChange);
            assertThat(createCustomer(store, "Second Customer", "second@example.com")).isEqualTo(customerId + 1);
        }
    }

    @Test
    void shouldAppendOneSmallLinePerFlushAndLeaveTheSnapshotAlone() throws IOException {
        byte[] snapshotAtStart;
        FileTime writtenAt;
        try (P21Store store = new P21Store(dataDir)) {
            store.flush();
            snapshotAtStart = Files.readAllBytes(snapshot());
            writtenAt = Files.getLastModifiedTime(snapshot());
            P21Warehouse warehouse = new P21Warehouse(store);
            for (int n = 1; n <= 5; n++) {
                warehouse.setOnHand("HX-4410", 10, BigDecimal.valueOf(n));
                store.flush();

                List<String> lines = journalLines();
                assertThat(lines).hasSize(n);
                assertThat(lines.get(n - 1)).contains("\"qtyOnHand\":" + n).hasSizeLessThan(1_000);
            }
            store.flush();
            assertThat(journalLines()).as("a flush without changes appends nothing").hasSize(5);
        }

        assertThat(journalLines()).hasSize(5);
        assertThat(Files.readAllBytes(snapshot())).isEqualTo(snapshotAtStart);
        assertThat(Files.getLastModifiedTime(snapshot())).isEqualTo(writtenAt);
        try (P21Store store = new P21Store(dataDir)) {
            assertThat(store.read(s -> s.stock("HX-4410", 10)).orElseThrow().qtyOnHand()).isEqualByComparingTo("5");
        }
    }

    @Test
    void shouldCompactIntoANewSnapshotOnceTheJournalOutgrowsIt() throws IOException {
        P21Snapshot before;
        try (P21Store store = new P21Store(dataDir, 0)) {
            store.flush();
            byte[] snapshotAtStart = Files.readAllBytes(snapshot());
            int flushes = 0;
            String lastReference;
            do {
                assertThat(flushes).as("flushes before the journal outgrew the snapshot").isLessThan(200);
                assertThat(Files.readAllBytes(snapshot())).isEqualTo(snapshotAtStart);
                lastReference = "xcart:big-" + flushes;
                createOrder(store, lastReference, "100100", 40);
                store.flush();
                flushes++;
            } while (Files.size(journal()) > 0);

            assertThat(flushes).isGreaterThan(1);
            assertThat(Files.size(journal())).isZero();
            assertThat(Files.readString(snapshot())).contains(lastReference);
            assertThat(Files.size(snapshot())).isGreaterThan(snapshotAtStart.length);

            createOrder(store, "xcart:after", "100100", 1);
            store.flush();
            assertThat(journalLines()).hasSize(1);
            before = contents(store);
        }

        try (P21Store store = new P21Store(dataDir, 0)) {
            assertThat(contents(store)).isEqualTo(before);
        }
    }

    @Test
    void shouldSkipTheLinesASnapshotHoldsWhenACrashLeftThemBehind() throws IOException {
        P21Store store = new P21Store(dataDir);
        store.close();
        String shipped = createOrder(store, "xcart:1", "100100", 2);
        store.flush();
        new P21Warehouse(store).ship(shipped, "UPS", "1Z1");
        String later = createOrder(store, "xcart:2", "100100", 1);
        // what a compaction writes before it empties the journal, which the crash then prevents
        new P21StateFile(dataDir).save(store.read(s -> s.snapshot(1)));
        P21Snapshot before = contents(store);
        assertThat(journalLines()).hasSize(1);

        try (P21Store reopened = new P21Store(dataDir)) {
            assertThat(contents(reopened)).isEqualTo(before);
            assertThat(reopened.read(s -> s.order(shipped)).orElseThrow().completed()).isTrue();
            assertThat(Long.parseLong(createOrder(reopened, "xcart:3", "100100", 1)))
                    .isEqualTo(Long.parseLong(later) + 1);
        }
    }

    @Test
    void shouldIgnoreAndCutOffATornLastLine() throws IOException {
        assertTornLastLineIsCutOff(line -> line.substring(0, line.length() / 2));
    }

    @Test
    void shouldIgnoreAndCutOffALastLineThatEndsButIsNoEntry() throws IOException {
        assertTornLastLineIsCutOff(line -> line.substring(0, line.length() / 2) + "\n");
    }

    @Test
    void shouldFailLoudlyOnADamagedLineThatIsNotTheLast() throws IOException {
        try (P21Store store = new P21Store(dataDir)) {
            store.flush();
            createOrder(store, "xcart:1", "100100", 1);
            store.flush();
            createOrder(store, "xcart:2", "100100", 1);
            store.flush();
        }
        List<String> lines = journalLines();
        assertThat(lines).hasSize(2);
        Files.writeString(journal(), lines.get(0).substring(0, 40) + "\n" + lines.get(1) + "\n");

        assertThatThrownBy(() -> new P21Store(dataDir).close())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(journal().toString())
                .hasMessageContaining("line 1")
                .hasMessageContaining("start with a fresh data directory");
    }

    @Test
    void shouldStartFromTheSeedAfterAResetAndKeepTheChangesMadeSince() throws IOException {
        Instant beforeReset;
        List<P21Customer> seedCustomers;
        try (P21Store seeded = new P21Store(null)) {
            seedCustomers = seeded.read(s -> List.copyOf(s.customers()));
        }
        try (P21Store store = new P21Store(dataDir)) {
            store.flush();
            createCustomer(store, "Gone Customer", "gone@example.com");
            createOrder(store, "xcart:old-1", "100100", 2);
            store.flush();
            String old = createOrder(store, "xcart:old-2", "100100", 2);
            store.flush();
            assertThat(journalLines()).hasSizeGreaterThanOrEqualTo(2);
            beforeReset = store.read(s -> s.order(old)).orElseThrow().dateLastModified();
            store.reset();
            store.flush();
            assertThat(Files.size(journal())).isZero();
            createOrder(store, "xcart:new", "100100", 1);
        }

        try (P21Store store = new P21Store(dataDir)) {
            List<P21Order> orders = store.read(s -> List.copyOf(s.orders()));
            assertThat(orders).extracting(P21Order::webReferenceNo).containsExactly("xcart:new");
            assertThat(orders.get(0).orderNo()).isEqualTo(Long.toString(P21State.FIRST_ORDER_NO));
            assertThat(orders.get(0).dateLastModified()).isAfter(beforeReset);
            List<P21Customer> customers = store.read(s -> List.copyOf(s.customers()));
            assertThat(customers).extracting(P21Customer::customerId)
                    .containsExactlyElementsOf(seedCustomers.stream().map(P21Customer::customerId).toList());
            assertThat(customers.get(0).dateLastModified()).isAfter(beforeReset);
        }
    }

    @Test
    void shouldLoadADataDirectoryFromBeforeTheJournal() throws IOException {
        P21Snapshot saved;
        try (P21Store memory = new P21Store(null)) {
            createOrder(memory, "xcart:old", "100100", 2);
            saved = contents(memory);
        }
        String json = P21Json.MAPPER.writeValueAsString(saved);
        // a file from before the journal ends before journalSeq, and so before the invoices and receipts after it
        assertThat(json).contains(",\"journalSeq\":0,\"invoices\":[]");
        Files.writeString(snapshot(), json.substring(0, json.lastIndexOf(",\"journalSeq\"")) + "}");
        byte[] written = Files.readAllBytes(snapshot());

        try (P21Store store = new P21Store(dataDir)) {
            assertThat(contents(store)).isEqualTo(saved);
            store.flush();
            assertThat(journal()).doesNotExist();
            createOrder(store, "xcart:new", "100100", 1);
        }

        assertThat(Files.readAllBytes(snapshot())).isEqualTo(written);
        assertThat(journalLines()).hasSize(1);
        try (P21Store store = new P21Store(dataDir)) {
            List<String> orderNos = store.read(s -> s.orders().stream().map(P21Order::orderNo).toList());
            assertThat(orderNos).containsExactly("1000001", "1000002");
        }
    }

    private void assertTornLastLineIsCutOff(UnaryOperator<String> tear) throws IOException {
        try (P21Store store = new P21Store(dataDir)) {
            store.flush();
            createOrder(store, "xcart:1", "100100", 1);
            store.flush();
            createOrder(store, "xcart:2", "100100", 1);
        }
        long whole = Files.size(journal());
        String torn = tear.apply(journalLines().get(1));
        Files.writeString(journal(), torn, StandardOpenOption.APPEND);

        Logger logger = (Logger) LoggerFactory.getLogger(P21Journal.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        try (P21Store store = new P21Store(dataDir)) {
            assertThat(webReferences(store)).containsExactly("xcart:1", "xcart:2");
            assertThat(Files.size(journal())).isEqualTo(whole);
            createOrder(store, "xcart:3", "100100", 1);
        } finally {
            logger.detachAppender(warnings);
        }
        assertThat(warnings.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(journal().toString()).contains("offset " + whole);
        });

        assertThat(journalLines()).hasSize(3);
        try (P21Store store = new P21Store(dataDir)) {
            assertThat(webReferences(store)).containsExactly("xcart:1", "xcart:2", "xcart:3");
        }
    }

    private static List<String> webReferences(P21Store store) {
        return store.read(s -> s.orders().stream().map(P21Order::webReferenceNo).toList());
    }

    /** Every row and counter of the store, comparable with {@code equals}. */
    private static P21Snapshot contents(P21Store store) {
        return store.read(s -> s.snapshot(0));
    }

    static String createOrder(P21Store store, String webReference, String customerId, int lines) {
        Map<String, String> header = new LinkedHashMap<>(P21OrderTransactionTest.header());
        header.put("customer_id", customerId);
        header.put("web_reference_no", webReference);
        List<Map<String, String>> rows = new ArrayList<>();
        for (SimCatalog.Item item : SimCatalog.items().subList(0, lines)) {
            rows.add(Map.of("oe_order_item_id", item.sku(), "unit_quantity", "2"));
        }
        List<P21TransactionHandler.ResultElement> result = new P21OrderService(store).apply(transaction(
                new P21TransactionRequest.DataElement(P21OrderService.HEADER, List.of(header)),
                new P21TransactionRequest.DataElement(P21OrderService.LINES, rows)));
        return result.get(0).rows().get(0).get("order_no");
    }

    private static long createCustomer(P21Store store, String name, String email) {
        return Long.parseLong(customer(store, Map.of("customer_name", name, "email_address", email)));
    }

    private static void changeCustomer(P21Store store, long customerId, String name) {
        customer(store, Map.of("customer_id", Long.toString(customerId), "customer_name", name));
    }

    private static String customer(P21Store store, Map<String, String> edits) {
        return new P21CustomerService(store).apply(transaction(
                        new P21TransactionRequest.DataElement(P21CustomerService.FORM, List.of(edits))))
                .get(0).rows().get(0).get("customer_id");
    }

    private static P21TransactionRequest.Transaction transaction(P21TransactionRequest.DataElement... elements) {
        return new P21TransactionRequest.Transaction(List.of(elements));
    }

    private List<String> journalLines() throws IOException {
        return Files.readAllLines(journal(), StandardCharsets.UTF_8);
    }

    private Path snapshot() {
        return dataDir.resolve(P21StateFile.FILE_NAME);
    }

    private Path journal() {
        return dataDir.resolve(P21Journal.FILE_NAME);
    }
}
