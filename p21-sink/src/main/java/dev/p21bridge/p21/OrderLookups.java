package dev.p21bridge.p21;

import dev.p21bridge.p21.P21RecordFinder.OrderRef;
import dev.p21bridge.p21client.P21CallException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds sales orders by {@code web_reference_no} for all the sink's workers, several per OData call when they ask
 * faster than P21 answers. Every new order costs two look-ups (before the create, and the read-back of
 * {@code date_created} after it), so at a few hundred orders a second P21 answered two look-ups and one create per
 * order, each a request of its own (docs/benchmarks.md, end to end).
 *
 * <p>At most {@code calls} look-up calls are out at once. A look-up asked while they all are waits for the next
 * call, which takes everything asked by then (up to {@value #MAX_KEYS_PER_CALL} orders, joined by {@code or}): with
 * little load each look-up goes alone and at once, as before; under load the calls carry several. A call is always
 * sent after the look-ups it answers were asked, so its answer is as fresh as a call of their own, and a look-up
 * before a create keeps its meaning. When a call with several orders fails with an answer that may be the batch's
 * own doing (a 4xx such as P21's "Query is too complex", or rows it cannot place), each order is asked alone, so an
 * order's fate is never decided by its neighbours; when P21 is down (no answer, 5xx, 429) they all get that failure,
 * as each would have.
 */
public final class OrderLookups implements AutoCloseable {

    /** Orders per call at most: an OData URL of about 1.5 KB, well within what servers accept. */
    static final int MAX_KEYS_PER_CALL = 20;
    /**
     * The longest a worker waits for its look-up's answer: far past any call's time-out and tries, so it ends a wait
     * only if a call was lost; the order then fails transiently and is tried again rather than holding its key.
     */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(OrderLookups.class);

    private record Lookup(String orderKey, CompletableFuture<Optional<OrderRef>> answer) {
    }

    private final P21RecordFinder finder;
    private final int calls;
    private final ExecutorService callers;
    private final ArrayDeque<Lookup> asked = new ArrayDeque<>();
    private int running;
    private boolean closed;

    public OrderLookups(P21RecordFinder finder, int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, was " + calls);
        }
        this.finder = finder;
        this.calls = calls;
        AtomicInteger threads = new AtomicInteger();
        this.callers = Executors.newFixedThreadPool(calls, task -> {
            Thread thread = new Thread(task, "p21-sink-lookup-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** As {@link P21RecordFinder#findOrderByWebReference}; throws what that throws. */
    public Optional<OrderRef> find(String orderKey) {
        Lookup lookup = new Lookup(orderKey, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                throw P21CallException.notCalled("odata-oe_hdr");
            }
            asked.add(lookup);
            if (running < calls) {
                running++;
                callers.execute(this::callWhileAsked);
            }
        }
        try {
            return lookup.answer().get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.error("no answer to the look-up of {} within {}; the order is tried again", orderKey, MAX_WAIT);
            throw new P21CallException("no answer to the look-up of " + orderKey + " within " + MAX_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new P21CallException("interrupted while looking up " + orderKey, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new P21CallException("look-up of " + orderKey + " failed", e.getCause());
        }
    }

    private void callWhileAsked() {
        boolean idle = false;
        try {
            while (true) {
                List<Lookup> batch = takeAsked();
                if (batch.isEmpty()) {
                    idle = true;
                    return;
                }
                try {
                    answer(batch);
                } catch (Throwable t) {
                    batch.forEach(lookup -> lookup.answer().completeExceptionally(t));
                    throw t;
                }
            }
        } finally {
            if (!idle) {
                synchronized (this) {
                    running--;
                }
            }
        }
    }

    /**
     * The next call's look-ups: every one asked for the first {@value #MAX_KEYS_PER_CALL} orders waiting; none when
     * nothing waits, and then this loop has given up its slot, under the same lock as the check, so a look-up asked
     * a moment later finds either a free slot or a loop that will still take it, never neither.
     */
    private synchronized List<Lookup> takeAsked() {
        List<Lookup> batch = new ArrayList<>();
        if (asked.isEmpty()) {
            running--;
            return batch;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<Lookup> it = asked.iterator(); it.hasNext(); ) {
            Lookup next = it.next();
            if (keys.contains(next.orderKey()) || keys.size() < MAX_KEYS_PER_CALL) {
                keys.add(next.orderKey());
                batch.add(next);
                it.remove();
            }
        }
        return batch;
    }

    private void answer(List<Lookup> batch) {
        List<String> keys = batch.stream().map(Lookup::orderKey).distinct().toList();
        if (keys.size() > 1) {
            try {
                Map<String, Optional<OrderRef>> found = finder.findOrdersByWebReference(keys);
                batch.forEach(lookup -> lookup.answer().complete(found.get(lookup.orderKey())));
                return;
            } catch (P21CallException e) {
                if (!mayBeTheBatchsDoing(e)) {
                    batch.forEach(lookup -> lookup.answer().completeExceptionally(e));
                    return;
                }
                log.warn("looking up {} orders in one call failed ({}); asking for each alone", keys.size(),
                        e.getMessage());
            } catch (RuntimeException e) {
                batch.forEach(lookup -> lookup.answer().completeExceptionally(e));
                return;
            }
        }
        for (String key : keys) {
            List<Lookup> ofKey = batch.stream().filter(lookup -> lookup.orderKey().equals(key)).toList();
            try {
                Optional<OrderRef> found = finder.findOrderByWebReference(key);
                ofKey.forEach(lookup -> lookup.answer().complete(found));
            } catch (RuntimeException e) {
                ofKey.forEach(lookup -> lookup.answer().completeExceptionally(e));
            }
        }
    }

    /** A 2xx or 4xx other than 429: about the request, which the batch made, rather than about P21's health. */
    private static boolean mayBeTheBatchsDoing(P21CallException e) {
        return e.status() >= 200 && e.status() < 500 && e.status() != 429;
    }

    /** Look-ups asked later fail at once; calls already out finish and answer theirs. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        callers.shutdown();
    }
}
