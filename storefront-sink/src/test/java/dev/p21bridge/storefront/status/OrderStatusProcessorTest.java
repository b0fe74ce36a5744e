package dev.p21bridge.storefront.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontCircuits;
import dev.p21bridge.storefront.StorefrontErrorPolicy;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** P21 order statuses reach each store as the status its API knows, once, and never backwards. */
class OrderStatusProcessorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RetryConfig retry = new RetryConfig(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), 20, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final SinkContext context = new SinkContext(StorefrontSinkService.settings(retry), producer,
            new RetryBacklog(new MockConsumer<>("earliest")), metrics, clock);
    private final StubStore xcart = new StubStore(Storefront.XCART, "N");
    private final StubStore clarity = new StubStore(Storefront.CLARITY, "Pending");
    private final AtomicReference<OrderStatus> next = new AtomicReference<>();
    private final OrderStatusProcessor processor = new OrderStatusProcessor((topic, data) -> next.get(),
            List.of(xcart, clarity), new StorefrontCalls(new StorefrontErrorPolicy(),
            new StorefrontCircuits(retry, clock, metrics), 2), context);

    @Test
    void shouldShowPartlyShippedInXCartAndLeaveShippedToTheShipmentWithItsTracking() {
        deliver("xcart:7", OrderStatusCode.ACCEPTED);
        deliver("xcart:7", OrderStatusCode.PARTLY_SHIPPED);
        deliver("xcart:7", OrderStatusCode.SHIPPED);

        // the shipment flow sets S with the tracking numbers; two flows setting it wrote it twice
        assertThat(xcart.status("7")).isEqualTo("P");
        assertThat(xcart.sets).containsExactly("7=P");
    }

    @Test
    void shouldShowPartlyShippedThenCompletedInClarityLeavingShippedToTheShipment() {
        deliver("clarity:CL-1", OrderStatusCode.PARTLY_SHIPPED);
        deliver("clarity:CL-1", OrderStatusCode.SHIPPED);
        clarity.statuses.put("CL-1", "Shipped");
        deliver("clarity:CL-1", OrderStatusCode.INVOICED);

        assertThat(clarity.sets).containsExactly("CL-1=CreatePickTicket", "CL-1=Complete");
        assertThat(clarity.status("CL-1")).isEqualTo("Completed");
    }

    @Test
    void shouldLetAnInvoiceWaitInTheRetryLevelsUntilTheShipmentReachedClarity() {
        clarity.statuses.put("CL-4", "Processing");

        Attempt attempt = deliver("clarity:CL-4", OrderStatusCode.INVOICED, lease());

        assertThat(attempt).isInstanceOfSatisfying(Attempt.Failed.class, failed ->
                assertThat(failed.reason()).contains("shipment").contains("must reach Clarity"));
        assertThat(clarity.sets).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldCancelTheStoresOrderOnAP21Cancellation() {
        deliver("xcart:8", OrderStatusCode.CANCELLED);
        deliver("clarity:CL-2", OrderStatusCode.CANCELLED);

        assertThat(xcart.status("8")).isEqualTo("C");
        assertThat(clarity.status("CL-2")).isEqualTo("Voided");
    }

    @Test
    void shouldMakeNoCallWhenTheStoreShowsTheStatusOrIsFurtherAlong() {
        xcart.statuses.put("9", "S");
        clarity.statuses.put("CL-3", "Voided");

        deliver("xcart:9", OrderStatusCode.SHIPPED);
        deliver("xcart:9", OrderStatusCode.PARTLY_SHIPPED);
        deliver("xcart:9", OrderStatusCode.ACCEPTED);
        deliver("clarity:CL-3", OrderStatusCode.SHIPPED);

        assertThat(xcart.sets).isEmpty();
        assertThat(clarity.sets).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldLeaveXCartAloneForAStatusItHasNoWordFor() {
        deliver("xcart:10", OrderStatusCode.HELD);
        deliver("xcart:10", OrderStatusCode.INVOICED);

        assertThat(xcart.sets).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldDeadLetterAStatusThisVersionDoesNotKnowWithAReasonAndMoveOn() {
        PartitionLease lease = lease();

        Attempt attempt = deliver("xcart:11", OrderStatusCode.UNKNOWN, lease);

        assertThat(attempt).isInstanceOf(Attempt.Done.class);
        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("dlq.storefront-sink");
            assertThat(header(letter.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS).value())).isEqualTo("mapping");
            assertThat(header(letter.headers().lastHeader(DeadLetterHeaders.ERROR_MESSAGE).value()))
                    .contains("xcart:11").contains("P21 order 1000123").contains("backordered")
                    .contains("upgrade the storefront-sink, then replay");
        });
        assertThat(xcart.sets).isEmpty();
    }

    @Test
    void shouldDeadLetterAStatusTheStoreRefuses() {
        xcart.refuse = true;

        deliver("xcart:12", OrderStatusCode.CANCELLED);

        assertThat(producer.history()).singleElement().satisfies(letter ->
                assertThat(header(letter.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS).value()))
                        .isEqualTo("rejected-by-target"));
    }

    private void deliver(String orderKey, OrderStatusCode code) {
        assertThat(deliver(orderKey, code, lease())).isInstanceOf(Attempt.Done.class);
    }

    @Test
    void shouldSetTheStatusInTheStoreTheOrderKeyNamesAmongTwoXCartStores() {
        StubStore us = new StubStore(new Storefront("us", StorePlatform.XCART, List.of("10")), "N");
        StubStore ca = new StubStore(new Storefront("ca", StorePlatform.XCART, List.of("20")), "N");
        OrderStatusProcessor twoStores = new OrderStatusProcessor((topic, data) -> next.get(), List.of(us, ca, clarity),
                new StorefrontCalls(new StorefrontErrorPolicy(), new StorefrontCircuits(List.of(us.storefront(),
                        ca.storefront(), Storefront.CLARITY), retry, clock, metrics), 2), context);

        assertThat(deliver(twoStores, "ca:7", OrderStatusCode.CANCELLED, lease())).isInstanceOf(Attempt.Done.class);
        assertThat(deliver(twoStores, "us:8", OrderStatusCode.CANCELLED, lease())).isInstanceOf(Attempt.Done.class);

        assertThat(ca.sets).containsExactly("7=C");
        assertThat(us.sets).containsExactly("8=C");
        assertThat(metrics.counter("storefront.order.status", "storefront", "ca", "outcome", "changed").count())
                .isEqualTo(1);

        // the same order id in the other store is another order: a key of a store not configured is a dead letter
        assertThat(deliver(twoStores, "xcart:7", OrderStatusCode.CANCELLED, lease())).isInstanceOf(Attempt.Done.class);
        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(header(letter.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS).value()))
                    .isEqualTo("validation");
            assertThat(header(letter.headers().lastHeader(DeadLetterHeaders.ERROR_MESSAGE).value()))
                    .contains("'xcart:7'").contains("BRIDGE_STORES: us, ca, clarity");
        });
        assertThat(us.sets).hasSize(1);
        assertThat(ca.sets).hasSize(1);
    }

    private Attempt deliver(String orderKey, OrderStatusCode code, PartitionLease lease) {
        return deliver(processor, orderKey, code, lease);
    }

    private Attempt deliver(OrderStatusProcessor processor, String orderKey, OrderStatusCode code,
                            PartitionLease lease) {
        String[] key = orderKey.split(":", 2);
        next.set(OrderStatus.newBuilder().setOrderKey(orderKey)
                .setSource(key[0].equals("clarity") ? Source.CLARITY : Source.XCART).setOrderId(key[1])
                .setSourceEventId("e").setEventTime(Instant.EPOCH).setP21OrderNo("1000123").setStatus(code)
                .setP21Status(code == OrderStatusCode.UNKNOWN ? "backordered" : code.name())
                .setChangedAt(Instant.EPOCH).setPickTicketNo(null).setLines(List.of()).build());
        return processor.attempt(new ConsumerRecord<>("canonical.order-status", 1, 7, orderKey,
                "status".getBytes(StandardCharsets.UTF_8)), lease);
    }

    private static PartitionLease lease() {
        PartitionLease lease = new PartitionLease(new TopicPartition("canonical.order-status", 1));
        lease.offsets().received(7);
        return lease;
    }

    private static String header(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** A store's orders in memory; Clarity's actions set the status names its simulator sets. */
    private static final class StubStore implements OrderStatusTarget {
        private static final Map<String, String> CLARITY_ACTIONS = Map.of("Confirm", "Confirmed", "Hold", "On Hold",
                "CreatePickTicket", "Processing", "Ship", "Shipped", "Complete", "Completed", "Void", "Voided");
        final Storefront storefront;
        final String initial;
        final Map<String, String> statuses = new HashMap<>();
        final List<String> sets = new ArrayList<>();
        boolean refuse;

        StubStore(Storefront storefront, String initial) {
            this.storefront = storefront;
            this.initial = initial;
        }

        @Override
        public Storefront storefront() {
            return storefront;
        }

        @Override
        public String status(String orderId) {
            return statuses.getOrDefault(orderId, initial);
        }

        @Override
        public void set(String orderId, StoreStatuses.Target target) {
            if (refuse) {
                throw new StorefrontCallException(storefront, 400, "Invalid shipping status code", null);
            }
            sets.add(orderId + "=" + target.action());
            statuses.put(orderId, storefront.platform() == StorePlatform.XCART ? target.status()
                    : CLARITY_ACTIONS.get(target.action()));
        }
    }
}
