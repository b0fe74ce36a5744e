package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.StockLocation;
import dev.p21bridge.transformer.inventory.InventoryInput;
import dev.p21bridge.transformer.inventory.JsonSerde;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-22T17:00:00Z");
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TransformerDriver p21;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @AfterEach
    void tearDown() {
        if (p21 != null) {
            p21.close();
        }
    }

    private TransformerDriver start(Map<String, String> settings) {
        p21 = new TransformerDriver(registry.url(), stateDir, settings, T0);
        return p21;
    }

    @Test
    void shouldSumAvailableOverTheConfiguredWebstoreLocationsOnly() {
        start(Map.of("BRIDGE_WEBSTORE_LOCATIONS", "10, 20"));
        p21.reading("A", 10, 100, 5, T0.plusSeconds(1));
        p21.reading("A", 20, 50, 0, T0.plusSeconds(2));
        p21.reading("A", 30, 1000, 0, T0.plusSeconds(3));

        List<TestRecord<String, InventoryLevel>> records = p21.inventory.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsOnly("A");
        assertThat(records).extracting(r -> r.value().getAvailable())
                .containsExactly(qty(95), qty(145), qty(145));
        InventoryLevel level = records.get(2).value();
        assertThat(level.getSku()).isEqualTo("A");
        assertThat(level.getP21ItemId()).isEqualTo("A");
        assertThat(level.getSource()).isEqualTo(Source.P21);
        assertThat(level.getSourceEventId()).isEqualTo("inv_loc:A/30:" + T0.plusSeconds(3));
        assertThat(level.getEventTime()).isEqualTo(T0.plusSeconds(3));
        assertThat(level.getChangedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(level.getReserved()).isEqualTo(qty(0));
        assertThat(level.getLocations()).containsExactly(
                new StockLocation("10", qty(100), qty(5), qty(95), T0.plusSeconds(1)),
                new StockLocation("20", qty(50), qty(0), qty(50), T0.plusSeconds(2)),
                new StockLocation("30", qty(1000), qty(0), qty(1000), T0.plusSeconds(3)));
    }

    /**
     * Versions before the binary state format wrote JSON to the orders-by-item repartition topic; what they left
     * there when the transformer was upgraded still reserves stock.
     */
    @Test
    void shouldCountTheJsonOrderLinesAnEarlierVersionLeftInTheRepartitionTopic() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.inventory.readRecordsToList();
        TestInputTopic<String, byte[]> leftOver = p21.driver.createInputTopic(
                "p21-bridge-transformer-" + TransformerTopology.ORDERS_BY_ITEM + "-repartition",
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        InventoryInput reserve = InventoryInput.of(new InventoryInput.Reserve("xcart:1", Source.XCART, qty(3),
                T0.plusSeconds(5).toEpochMilli(), "evt-1"));
        byte[] json = new JsonSerde<>(InventoryInput.class).serializer().serialize("any", reserve);
        assertThat(json[0]).isEqualTo((byte) '{');

        leftOver.pipeInput("A", json, T0.plusSeconds(5));

        InventoryLevel level = p21.inventory.readValue();
        assertThat(level.getAvailable()).isEqualTo(qty(97));
        assertThat(level.getReserved()).isEqualTo(qty(3));
    }

    @Test
    void shouldSumEveryLocationWhenNoneAreConfiguredAndNeverEmitANegativeAvailable() {
        start(Map.of());
        p21.reading("A", 10, 100, 5, T0.plusSeconds(1));
        p21.reading("A", 30, 0, 120, T0.plusSeconds(2));

        assertThat(p21.inventory.readValuesToList()).extracting(InventoryLevel::getAvailable).containsExactly(qty(95), qty(0));
    }

    @Test
    void shouldNeverLetAnOlderReadingReplaceANewerOne() {
        start(Map.of());
        p21.reading("A", 10, 40, 0, T0.plusSeconds(20));
        p21.reading("A", 10, 99, 0, T0.plusSeconds(10));
        p21.reading("A", 10, 41, 0, T0.plusSeconds(30));

        assertThat(p21.inventory.readValuesToList()).extracting(InventoryLevel::getAvailable).containsExactly(qty(40), qty(41));
    }

    @Test
    void shouldLowerAvailableAtOnceWhenAStorefrontOrderArrives() throws IOException {
        start(Map.of());
        p21.reading("HX-4410", 10, 100, 0, T0);
        p21.reading("WSH-0375-Z", 10, 50, 0, T0);
        p21.inventory.readRecordsToList();

        Instant received = T0.plusSeconds(60);
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", "order.created".getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", "evt-1".getBytes(StandardCharsets.UTF_8));
        headers.add("source", "xcart".getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", Long.toString(received.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        p21.xcart.pipeInput(new TestRecord<>("10452", TransformerTopologyTest.sample("xcart/order.created.json"), headers, received));

        Map<String, InventoryLevel> levels = p21.inventory.readKeyValuesToMap();
        assertThat(levels).containsOnlyKeys("HX-4410", "WSH-0375-Z");
        InventoryLevel bolts = levels.get("HX-4410");
        assertThat(bolts.getAvailable()).isEqualTo(qty(92));
        assertThat(bolts.getReserved()).isEqualTo(qty(8));
        assertThat(bolts.getSource()).isEqualTo(Source.XCART);
        assertThat(bolts.getSourceEventId()).isEqualTo("evt-1");
        assertThat(bolts.getChangedAt()).isEqualTo(received);
        assertThat(levels.get("WSH-0375-Z").getAvailable()).isEqualTo(qty(40));
    }

    /** Payable orders only: a declined or cancelled order becomes no P21 order, so it holds no stock either. */
    @Test
    void shouldReserveNothingForADeclinedOrderAndReserveThePaidOneAfterIt() throws IOException {
        start(Map.of());
        p21.reading("HX-4410", 10, 100, 0, T0);
        p21.inventory.readRecordsToList();

        String paid = new String(TransformerTopologyTest.sample("xcart/order.created.json"), StandardCharsets.UTF_8);
        String declined = paid.replace("\"code\": \"P\",\n    \"name\": \"Paid\"", "\"code\": \"D\",\n    \"name\": \"Declined\"")
                .replace("\"id\": 10452", "\"id\": 10453").replace("\"order_number\": \"10452\"", "\"order_number\": \"10453\"");
        assertThat(declined).contains("\"D\"").contains("10453");
        p21.xcart.pipeInput(new TestRecord<>("10453", declined.getBytes(StandardCharsets.UTF_8),
                orderCreated("evt-declined", T0.plusSeconds(60)), T0.plusSeconds(60)));
        assertThat(p21.inventory.readValuesToList()).as("nothing reserved for a declined order").isEmpty();

        p21.xcart.pipeInput(new TestRecord<>("10452", paid.getBytes(StandardCharsets.UTF_8),
                orderCreated("evt-paid", T0.plusSeconds(61)), T0.plusSeconds(61)));
        assertThat(p21.inventory.readKeyValuesToMap().get("HX-4410").getReserved()).isEqualTo(qty(8));
    }

    @Test
    void shouldReserveNothingForAnOrderTheStoreAlreadyCancelled() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.inventory.readRecordsToList();
        for (PaymentStatus status : List.of(PaymentStatus.DECLINED, PaymentStatus.CANCELLED)) {
            Order order = TransformerDriver.order("xcart:" + status, "A", "A", 5, T0.plusSeconds(1));
            order.getPayment().setStatus(status);
            p21.orders.pipeInput(order.getOrderKey(), order, T0.plusSeconds(1));
        }
        Order cancelled = TransformerDriver.order("xcart:shipped-c", "A", "A", 5, T0.plusSeconds(1));
        cancelled.setFulfillmentStatus(FulfillmentStatus.CANCELLED);
        p21.orders.pipeInput(cancelled.getOrderKey(), cancelled, T0.plusSeconds(1));
        Order pending = TransformerDriver.order("xcart:pending", "A", "A", 5, T0.plusSeconds(2));
        pending.getPayment().setStatus(PaymentStatus.PENDING);
        p21.orders.pipeInput(pending.getOrderKey(), pending, T0.plusSeconds(2));

        assertThat(p21.inventory.readValuesToList()).extracting(InventoryLevel::getReserved)
                .as("only the pending order (created in P21 by default) reserves").containsExactly(qty(5));
    }

    private static RecordHeaders orderCreated(String eventId, Instant received) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", "order.created".getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("source", "xcart".getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", Long.toString(received.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void shouldNeverEmitAChangeTimeOlderThanTheLastOne() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0.plusSeconds(300));
        p21.order("xcart:1", "A", 1, T0.plusSeconds(60));

        assertThat(p21.inventory.readValuesToList()).extracting(InventoryLevel::getChangedAt)
                .containsExactly(T0.plusSeconds(300), T0.plusSeconds(300));
    }

    @Test
    void shouldReserveAnOrderOnceAndNotAtAllWhenItIsOlderThanTheTimeToLive() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 1, T0.plusSeconds(1));
        p21.order("xcart:1", "A", 1, T0.plusSeconds(1));
        p21.order("xcart:2", "A", 5, T0.minus(Duration.ofHours(2)));

        assertThat(p21.inventory.readValuesToList()).extracting(InventoryLevel::getAvailable).containsExactly(qty(100), qty(99));
    }

    /**
     * P21's order poll shows the new order at its row's date_last_modified, on the clock of the stock readings: the
     * first reading modified at or after it contains the allocation and takes over from the reservation.
     */
    @Test
    void shouldHandOverFromReservationToP21AtTheFirstReadingModifiedAtOrAfterTheOrdersAcceptedStatus() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.status("xcart:1", OrderStatusCode.ACCEPTED, T0.plusSeconds(2));
        p21.reading("A", 10, 100, 10, T0.plusSeconds(2).minusMillis(1));
        p21.reading("A", 10, 100, 10, T0.plusSeconds(2));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 80 reserved 10", "available 90 reserved 0");
    }

    /** P21 allocates an order it holds (approved = N) as well; its oe_hdr row, polled, confirms it the same way. */
    @Test
    void shouldHandOverForAnOrderP21HoldsWhenItsPolledRowSaysSo() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.p21("order.changed", "oe_hdr:1001:" + T0.plusSeconds(2), "1001", """
                {"order_no": "1001", "web_reference_no": "xcart:1", "customer_id": 100233, "completed": "N",
                 "cancel_flag": "N", "delete_flag": "N", "approved": "N", "rma_flag": "N",
                 "date_created": "%s", "date_last_modified": "%s"}""".formatted(T0.plusSeconds(2), T0.plusSeconds(2)),
                T0.plusSeconds(3));
        p21.reading("A", 10, 100, 10, T0.plusSeconds(2));

        assertThat(p21.statuses.readValue().getStatus()).isEqualTo(OrderStatusCode.HELD);
        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 90 reserved 0");
    }

    /** The inputs are not read in timestamp order, so after a restart P21's status may come before its order. */
    @Test
    void shouldHandOverWhenTheStatusIsReadBeforeItsOrder() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.reading("A", 10, 100, 10, T0.plusSeconds(3));
        p21.status("xcart:1", OrderStatusCode.ACCEPTED, T0.plusSeconds(2));
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.reading("A", 10, 100, 10, T0.plusSeconds(4));

        // the status that waited for the order releases its reservation at once, and it stays released
        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 0",
                "available 80 reserved 10", "available 90 reserved 0", "available 90 reserved 0");
    }

    @Test
    void shouldReleaseAtTheStatusWhenANewerReadingIsAlreadyHeld() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.reading("A", 10, 100, 10, T0.plusSeconds(3));
        p21.status("xcart:1", OrderStatusCode.ACCEPTED, T0.plusSeconds(2));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 80 reserved 10", "available 90 reserved 0");
    }

    /**
     * A confirmation without P21's creation time has only the p21-sink's clock, later than the allocation's own
     * reading; it confirms nothing, so the order counts (twice, never not at all) until P21's status confirms it.
     */
    @Test
    void shouldKeepTheReservationAtAConfirmationWithoutP21sCreationTimeUntilP21sStatusComes() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.reading("A", 10, 100, 10, T0.plusMillis(1_500));
        p21.confirmation("xcart:1", T0.plusMillis(1_520));
        p21.reading("A", 10, 130, 10, T0.plusSeconds(9));
        p21.status("xcart:1", OrderStatusCode.ACCEPTED, T0.plusMillis(1_500));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 80 reserved 10", "available 110 reserved 10", "available 120 reserved 0");
    }

    @Test
    void shouldNotCountAnOrderTwiceOnAQuietItemWhenP21SaysWhenItCreatedTheOrder() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        // the allocation's own reading, stamped when P21 created the order, and no later change of the item
        p21.reading("A", 10, 100, 10, T0.plusMillis(1_500));
        p21.confirmation("xcart:1", T0.plusMillis(1_520), T0.plusMillis(1_500));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 80 reserved 10", "available 90 reserved 0");
    }

    /** The sink's confirmation and P21's status both confirm the order: the second finds it done and changes nothing. */
    @Test
    void shouldCountAnOrderOnceWhenTheSinkAndP21sStatusBothConfirmIt() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.reading("A", 10, 100, 10, T0.plusMillis(1_500));
        p21.confirmation("xcart:1", T0.plusMillis(1_520), T0.plusMillis(1_500));
        p21.status("xcart:1", OrderStatusCode.ACCEPTED, T0.plusMillis(1_500));
        p21.reading("A", 10, 100, 10, T0.plusSeconds(9));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 80 reserved 10", "available 90 reserved 0", "available 90 reserved 0");
    }

    /**
     * An order P21 shipped (or cancelled) before its first poll never shows as accepted: its first status is a later
     * one, whose time is after the allocation too, so it confirms the order, a little late but never too early.
     */
    @Test
    void shouldConfirmAtTheFirstStatusEvenWhenP21ShippedTheOrderBeforeItsFirstPoll() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.status("xcart:1", OrderStatusCode.SHIPPED, T0.plusSeconds(2));
        p21.reading("A", 10, 90, 0, T0.plusSeconds(3));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 90 reserved 0");
    }

    @Test
    void shouldReleaseACancelledOrdersReservationAtTheFirstReadingAfterTheCancellation() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.status("xcart:1", OrderStatusCode.CANCELLED, T0.plusSeconds(2));
        p21.reading("A", 10, 100, 10, T0.plusMillis(1_500));
        p21.reading("A", 10, 100, 0, T0.plusSeconds(3));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 80 reserved 10", "available 100 reserved 0");
    }

    /** No P21 order exists for a skipped one, so no status will come: the skip record ends the reservation. */
    @Test
    void shouldEndTheReservationOfAnOrderTheP21SinkSkippedAtTheNextReading() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.skipped("xcart:1", T0.plusSeconds(2), "order cancelled by the store");
        p21.reading("A", 10, 100, 0, T0.plusSeconds(3));

        assertThat(steps()).containsExactly("available 100 reserved 0", "available 90 reserved 10",
                "available 100 reserved 0");
    }

    @Test
    void shouldReleaseAReservationNoReadingTookOverAfterItsTimeToLive() {
        start(Map.of("BRIDGE_RESERVATION_TTL", "10m"));
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0);
        p21.inventory.readRecordsToList();

        p21.advance(Duration.ofMinutes(9));
        assertThat(p21.inventory.isEmpty()).isTrue();
        p21.advance(Duration.ofMinutes(2));

        InventoryLevel level = p21.inventory.readValue();
        assertThat(level.getAvailable()).isEqualTo(qty(100));
        assertThat(level.getReserved()).isEqualTo(qty(0));
        assertThat(level.getSourceEventId()).isEqualTo("reservation-expired:A");
        assertThat(level.getChangedAt()).isEqualTo(T0.plus(Duration.ofMinutes(11)));
    }

    @Test
    void shouldKeepReservationsPerP21ItemAndPublishUnderTheStorefrontSku() {
        start(Map.of());
        p21.xref.pipeInput("HX-4410", "HX4410-P21");
        p21.advance(StorefrontSkus.REFRESH);
        p21.reading("HX4410-P21", 10, 100, 0, T0);
        p21.orders.pipeInput("xcart:1", TransformerDriver.order("xcart:1", "HX-4410", "HX4410-P21", 2, T0.plusSeconds(1)));

        List<TestRecord<String, InventoryLevel>> records = p21.inventory.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsExactly("HX-4410", "HX-4410");
        assertThat(records.get(1).value().getP21ItemId()).isEqualTo("HX4410-P21");
        assertThat(records.get(1).value().getAvailable()).isEqualTo(qty(98));
    }

    @Test
    void shouldCountEachStorefrontsOrderUnitsInEveryLevelAndKeepThemAfterP21TakesOver() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 10, T0.plusSeconds(1));
        p21.order("clarity:1", "A", 4, T0.plusSeconds(2));
        p21.order("xcart:2", "A", 3, T0.plusSeconds(3));
        p21.status("xcart:1", OrderStatusCode.ACCEPTED, T0.plusSeconds(4));
        p21.reading("A", 10, 100, 10, T0.plusSeconds(5));

        List<String> sales = p21.inventory.readValuesToList().stream().map(InventoryTopologyTest::sales).toList();
        assertThat(sales).containsExactly("", "XCART xcart 10", "CLARITY clarity 4 XCART xcart 10",
                "CLARITY clarity 4 XCART xcart 13", "CLARITY clarity 4 XCART xcart 13");
    }

    @Test
    void shouldCountTheSalesOfTwoStoresOfOnePlatformApart() {
        start(Map.of("BRIDGE_STORES", "us:xcart,ca:xcart,clarity:clarity"));
        p21.reading("A", 10, 100, 0, T0);
        p21.order("us:1", "A", 2, T0.plusSeconds(1));
        p21.order("ca:1", "A", 5, T0.plusSeconds(2));

        List<InventoryLevel> levels = p21.inventory.readValuesToList();
        assertThat(sales(levels.get(levels.size() - 1))).isEqualTo("XCART ca 5 XCART us 2");
        assertThat(levels.get(levels.size() - 1).getAvailable()).isEqualTo(qty(93));
    }

    @Test
    void shouldCountAnOrderTooOldToReserveWithoutEmittingALevelForIt() {
        start(Map.of());
        p21.reading("A", 10, 100, 0, T0);
        p21.order("xcart:1", "A", 5, T0.minus(Duration.ofHours(2)));
        p21.order("xcart:2", "A", 5, T0.minus(Duration.ofHours(2)).plusSeconds(1));
        p21.reading("A", 10, 90, 0, T0.plusSeconds(1));

        List<InventoryLevel> levels = p21.inventory.readValuesToList();
        assertThat(levels).extracting(InventoryLevel::getAvailable).containsExactly(qty(100), qty(90));
        assertThat(sales(levels.get(1))).isEqualTo("XCART xcart 10");
    }

    private static String sales(InventoryLevel level) {
        return String.join(" ", level.getStorefrontSales().stream()
                .map(s -> s.getSource() + " " + s.getStore() + " " + s.getUnits().stripTrailingZeros().toPlainString())
                .toList());
    }

    private List<String> steps() {
        return p21.inventory.readValuesToList().stream()
                .map(level -> "available " + level.getAvailable().stripTrailingZeros().toPlainString()
                        + " reserved " + level.getReserved().stripTrailingZeros().toPlainString())
                .toList();
    }

    static BigDecimal qty(int value) {
        return new BigDecimal(value).setScale(4);
    }
}
