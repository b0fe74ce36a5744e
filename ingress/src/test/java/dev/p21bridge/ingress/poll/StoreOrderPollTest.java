package dev.p21bridge.ingress.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreMode;
import dev.p21bridge.platform.config.StorePlatform;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.testing.RawTopicsProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class StoreOrderPollTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    /** A store's order list in memory, newest change first, counting the pages read. */
    private static final class FakeList implements StoreOrderList {
        final List<ListedOrder> orders = new ArrayList<>();
        int pagesRead;
        boolean failing;

        void put(String id, Instant created, Instant changed) {
            orders.removeIf(order -> order.id().equals(id));
            orders.add(new ListedOrder(id, created, changed, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public List<ListedOrder> page(int page) throws IOException {
            if (failing) {
                throw new IOException("GET /api/orders answered 503");
            }
            pagesRead++;
            List<ListedOrder> sorted = orders.stream().sorted(Comparator.comparing(ListedOrder::changed).reversed())
                    .toList();
            int from = Math.min((page - 1) * PAGE_SIZE, sorted.size());
            return sorted.subList(from, Math.min(from + PAGE_SIZE, sorted.size()));
        }

        @Override
        public List<ListedOrder> createdSince(Instant since, int page) {
            throw new UnsupportedOperationException("the poller reads by last change only");
        }
    }

    private final FakeList list = new FakeList();
    private final MockProducer<String, byte[]> producer = RawTopicsProducer.create(true);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Store store = new Store("xcart", StorePlatform.XCART, URI.create("http://localhost:8092"), "t",
            List.of(), StoreMode.POLL, Duration.ofSeconds(2), OVERLAP);

    @Test
    void shouldPageNewestFirstOnlyDownToTheLastChangeSeenMinusTheOverlap() {
        for (int i = 0; i < 450; i++) {
            list.put(Integer.toString(20_001 + i), T0.plusSeconds(i), T0.plusSeconds(i));
        }
        StoreOrderPoll poll = poll(PollPosition.startingAt(T0.plusSeconds(400)));

        poll.run();

        // changes 370..449 lie in the window; page 1 holds 449..350 and already passes its start
        assertThat(list.pagesRead).isEqualTo(1);
        assertThat(orderRecords()).hasSize(80).allSatisfy(r -> assertThat(header(r, "event-type"))
                .isEqualTo("order.created"));
        assertThat(poll.position().lastChange()).isEqualTo(T0.plusSeconds(449));
    }

    @Test
    void shouldFindAnOrderCommittedLateInsideTheOverlapAndSendNothingTwice() {
        list.put("1", T0.plusSeconds(10), T0.plusSeconds(10));
        list.put("3", T0.plusSeconds(20), T0.plusSeconds(20));
        StoreOrderPoll poll = poll(PollPosition.startingAt(T0));
        poll.run();
        // order 2 was created at 15 s but its transaction committed after the poll had seen order 3
        list.put("2", T0.plusSeconds(15), T0.plusSeconds(15));

        poll.run();
        poll.run();

        assertThat(orderRecords()).extracting(ProducerRecord::key).containsExactly("1", "3", "2");
        // all on the store's own partition, so one transformer task sees the store's orders in order
        assertThat(orderRecords()).extracting(ProducerRecord::partition)
                .containsOnly(StorePartition.of("xcart", RawTopicsProducer.PARTITIONS));
        assertThat(header(orderRecords().get(2), "event-type")).isEqualTo("order.created");
        assertThat(header(orderRecords().get(2), "received-via")).isEqualTo("poll");
        assertThat(header(orderRecords().get(2), "source")).isEqualTo("xcart");
        assertThat(orderRecords().get(2).topic()).isEqualTo("raw.xcart");
    }

    @Test
    void shouldSendAChangeOfAnOrderItSentAsAnUpdateWithAnIdStableForThatChange() {
        list.put("1", T0.plusSeconds(10), T0.plusSeconds(10));
        StoreOrderPoll poll = poll(PollPosition.startingAt(T0));
        poll.run();
        list.put("1", T0.plusSeconds(10), T0.plusSeconds(40));
        // an order created long before the window, changed now: an update, not a new order
        list.put("7", T0.minusSeconds(3_600), T0.plusSeconds(41));

        poll.run();

        List<ProducerRecord<String, byte[]>> records = orderRecords();
        assertThat(records).hasSize(3);
        assertThat(header(records.get(1), "event-type")).isEqualTo("order.updated");
        assertThat(header(records.get(1), "event-id")).isEqualTo("poll:xcart:1:" + T0.plusSeconds(40).toEpochMilli());
        assertThat(header(records.get(2), "event-type")).isEqualTo("order.updated");
    }

    @Test
    void shouldResumeFromTheStoredPositionAfterARestartWithoutSendingAgain() throws IOException {
        list.put("1", T0.plusSeconds(10), T0.plusSeconds(10));
        list.put("2", T0.plusSeconds(11), T0.plusSeconds(11));
        poll(PollPosition.startingAt(T0)).run();
        PollPosition saved = PollPosition.fromJson(producer.history().stream()
                .filter(r -> r.topic().equals("bridge.store-poll-positions")).reduce((a, b) -> b).orElseThrow().value());
        list.put("3", T0.plusSeconds(12), T0.plusSeconds(12));

        poll(saved).run();

        assertThat(orderRecords()).extracting(ProducerRecord::key).containsExactly("1", "2", "3");
    }

    @Test
    void shouldCountAFailingStoreAndKeepItsPosition() {
        list.put("1", T0.plusSeconds(10), T0.plusSeconds(10));
        list.failing = true;
        StoreOrderPoll poll = poll(PollPosition.startingAt(T0));

        poll.run();
        list.failing = false;
        poll.run();

        assertThat(meters.counter("store.poller.failures", "store", "xcart").count()).isEqualTo(1);
        assertThat(meters.counter("store.poller.polls", "store", "xcart").count()).isEqualTo(1);
        assertThat(orderRecords()).extracting(ProducerRecord::key).containsExactly("1");
    }

    private StoreOrderPoll poll(PollPosition start) {
        return new StoreOrderPoll(store, list, producer, new PollPositionStore(producer, Duration.ofSeconds(5)),
                start, new StorePollMetrics(meters, store.name()), Duration.ofSeconds(5),
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    private List<ProducerRecord<String, byte[]>> orderRecords() {
        return producer.history().stream().filter(r -> r.topic().equals("raw.xcart")).toList();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
