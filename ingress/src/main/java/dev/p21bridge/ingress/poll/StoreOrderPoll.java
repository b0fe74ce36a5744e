package dev.p21bridge.ingress.poll;

import dev.p21bridge.ingress.RawEventWriter;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.orders.ReceivedVia;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.platform.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of a store's order list. It pages newest change first down to the last change seen minus the overlap
 * (neither store filters on the last change), writes each order whose change it has not written yet to the store's
 * raw topic as the webhook of it would be, waits for Kafka's acknowledgement of all, and only then moves and stores
 * the position. An order committed late, listed after a newer one was already seen, is still found while its change
 * time lies within the overlap.
 *
 * <p>Which event: {@code order.created} for an order first seen and created inside the window, else
 * {@code order.updated}. Event ids are stable ({@code poll:<store>:<order id>:<change millis>}), so a repeat after a
 * crash is dropped by the transformer as a redelivered webhook is; a create is dropped there by its order key, so a
 * store in mode {@code both} makes one P21 order whichever way it arrives first.
 *
 * <p>A failure (store down, a bad answer, Kafka not acknowledging) ends the poll with one log line and a counted
 * failure; nothing moves, and the next poll reads the same window again.
 */
final class StoreOrderPoll implements Runnable {

    /** A bound on one poll's pages: a store that never ends its list is a fault, not a reason to loop forever. */
    private static final int MAX_PAGES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(StoreOrderPoll.class);

    private final Store store;
    private final StoreOrderList list;
    private final Producer<String, byte[]> producer;
    private final PollPositionStore positions;
    private final StorePollMetrics metrics;
    private final Duration ackTimeout;
    private final Clock clock;
    private PollPosition position;

    StoreOrderPoll(Store store, StoreOrderList list, Producer<String, byte[]> producer, PollPositionStore positions,
                   PollPosition start, StorePollMetrics metrics, Duration ackTimeout, Clock clock) {
        this.store = store;
        this.list = list;
        this.producer = producer;
        this.positions = positions;
        this.position = start;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    PollPosition position() {
        return position;
    }

    @Override
    public void run() {
        try {
            poll();
            metrics.polled();
        } catch (Exception e) {
            metrics.failed();
            log.warn("poll of store {} failed, trying again in {} ms: {}", store.name(),
                    store.pollInterval().toMillis(), e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void poll() throws Exception {
        Instant windowStart = position.windowStart(store.pollOverlap());
        List<ListedOrder> found = read(windowStart);
        List<ListedOrder> fresh = found.stream().filter(order -> !position.wasWritten(order))
                .sorted(Comparator.comparing(ListedOrder::changed)).toList();
        write(fresh, windowStart);
        PollPosition next = position.after(found, store.pollOverlap());
        if (!next.equals(position)) {
            positions.save(store.name(), next);
            position = next;
        }
        metrics.written(fresh.size());
    }

    /** Every order changed at or after {@code windowStart}, once each (a page may repeat one the page before held). */
    private List<ListedOrder> read(Instant windowStart) throws Exception {
        Map<String, ListedOrder> found = new LinkedHashMap<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            List<ListedOrder> orders = list.page(page);
            for (ListedOrder order : orders) {
                if (!order.changed().isBefore(windowStart)) {
                    found.merge(order.id(), order, (a, b) -> a.changed().isAfter(b.changed()) ? a : b);
                }
            }
            if (orders.size() < StoreOrderList.PAGE_SIZE
                    || orders.get(orders.size() - 1).changed().isBefore(windowStart)) {
                return new ArrayList<>(found.values());
            }
        }
        throw new IllegalStateException("the order list did not reach " + windowStart + " within " + MAX_PAGES
                + " pages");
    }

    private void write(List<ListedOrder> orders, Instant windowStart) throws Exception {
        String topic = (store.platform() == StorePlatform.XCART ? Topics.RAW_XCART : Topics.RAW_CLARITY).name();
        int partition = StorePartition.of(producer, topic, store.name());
        List<Future<RecordMetadata>> acks = new ArrayList<>(orders.size());
        for (ListedOrder order : orders) {
            boolean created = !position.knows(order.id()) && !order.created().isBefore(windowStart);
            RecordHeaders headers = RawEventWriter.headers(created ? "order.created" : "order.updated",
                    eventId(store.name(), order), store.platform().id(), store.name(), clock);
            ReceivedVia.add(headers, ReceivedVia.POLL);
            acks.add(producer.send(new ProducerRecord<>(topic, partition, order.id(), order.body(), headers)));
        }
        RawEventWriter.awaitAcknowledged(acks, ackTimeout, "orders");
    }

    /** Stable for one change of one order, so the transformer drops a repeat of it. */
    static String eventId(String store, ListedOrder order) {
        return "poll:" + store + ":" + order.id() + ":" + order.changed().toEpochMilli();
    }
}
