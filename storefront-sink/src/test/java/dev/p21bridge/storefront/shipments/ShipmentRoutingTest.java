package dev.p21bridge.storefront.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.RecordingStorefront;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontCircuits;
import dev.p21bridge.storefront.StorefrontClient;
import dev.p21bridge.storefront.StorefrontErrorPolicy;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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

/** A shipment reaches the one store its order key names, also among two stores of one platform. */
class ShipmentRoutingTest {

    private static final Storefront US = new Storefront("us", StorePlatform.XCART, List.of("10"));
    private static final Storefront CA = new Storefront("ca", StorePlatform.XCART, List.of("20"));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RetryConfig retry = new RetryConfig(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), 5, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final SinkContext context = new SinkContext(StorefrontSinkService.settings(retry), producer,
            new RetryBacklog(new MockConsumer<>("earliest")), metrics, clock);
    private final RecordingStorefront us = new RecordingStorefront(US);
    private final RecordingStorefront ca = new RecordingStorefront(CA);
    private final RecordingStorefront clarity = new RecordingStorefront(Storefront.CLARITY);
    private final AtomicReference<Shipment> next = new AtomicReference<>();
    private final StorefrontCircuits circuits = new StorefrontCircuits(List.of(US, CA, Storefront.CLARITY), retry,
            clock, metrics);
    private final ShipmentProcessor processor;

    ShipmentRoutingTest() {
        Map<Storefront, StorefrontClient> clients = new LinkedHashMap<>();
        clients.put(US, us);
        clients.put(CA, ca);
        clients.put(Storefront.CLARITY, clarity);
        processor = new ShipmentProcessor((topic, data) -> next.get(), clients, new StorefrontCalls(
                new StorefrontErrorPolicy(), circuits, 1), context);
    }

    @Test
    void shouldShipTheSameOrderIdOfTwoXCartStoresEachInItsOwnStore() {
        assertThat(ship("ca:1001", "1ZCA")).isInstanceOf(Attempt.Done.class);
        assertThat(ship("us:1001", "1ZUS")).isInstanceOf(Attempt.Done.class);

        assertThat(ca.shipped).containsExactly("1001=1ZCA");
        assertThat(us.shipped).containsExactly("1001=1ZUS");
        assertThat(clarity.shipped).isEmpty();
        assertThat(metrics.counter("storefront.shipments", "storefront", "ca", "outcome", "changed").count())
                .isEqualTo(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldDeadLetterAShipmentOfAStoreNotConfiguredNamingBridgeStores() {
        assertThat(ship("eu:1001", "1ZEU")).isInstanceOf(Attempt.Done.class);

        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(header(letter.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS).value()))
                    .isEqualTo("validation");
            assertThat(header(letter.headers().lastHeader(DeadLetterHeaders.ERROR_MESSAGE).value()))
                    .isEqualTo("order key 'eu:1001' names no storefront this sink writes to (expected <store>:<order"
                            + " id> with a store of BRIDGE_STORES: us, ca, clarity)");
        });
        assertThat(us.shipped).isEmpty();
        assertThat(ca.shipped).isEmpty();
    }

    @Test
    void shouldAskOnlyTheCircuitOfTheKeysStore() {
        CircuitBreaker breaker = circuits.of(US);
        for (int i = 0; i < 5; i++) {
            breaker.failed(breaker.tryAcquire().orElseThrow());
        }

        assertThat(processor.permitsCalls(record("us:1"))).isFalse();
        assertThat(processor.permitsCalls(record("ca:1"))).isTrue();
    }

    private Attempt ship(String orderKey, String tracking) {
        next.set(Shipment.newBuilder().setOrderKey(orderKey).setSource(Source.XCART)
                .setOrderId(Storefront.orderIdOf(orderKey)).setSourceEventId("evt-ship-" + orderKey)
                .setEventTime(Instant.EPOCH).setP21OrderNo("1000123").setPickTicketNo("PT-1").setCarrier("UPS")
                .setTrackingNumbers(List.of(tracking)).setShippedAt(Instant.EPOCH).setLines(List.of()).build());
        PartitionLease lease = new PartitionLease(new TopicPartition("canonical.shipments", 0));
        lease.offsets().received(3);
        return processor.attempt(record(orderKey), lease);
    }

    private static ConsumerRecord<String, byte[]> record(String orderKey) {
        return new ConsumerRecord<>("canonical.shipments", 0, 3, orderKey, "shipment".getBytes(StandardCharsets.UTF_8));
    }

    private static String header(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
