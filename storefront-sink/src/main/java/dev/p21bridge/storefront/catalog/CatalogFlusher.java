package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.RetryRouter.Routed;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.sink.DeadLetters;
import dev.p21bridge.platform.sink.InternalFault;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontClient;
import dev.p21bridge.storefront.catalog.WrittenLevels.Mark;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every flush interval, takes the updates the {@link SkuCoalescer} holds and writes each to every catalogue
 * store ({@code BRIDGE_STOREFRONTS}), different SKUs in parallel, one flush after the other (so one SKU is never
 * written twice at once). Each store gets its own share of a stock level ({@link CatalogUpdate#amountFor}: the sum
 * of its own stock locations less the reservations, else the level's {@code available}), and has its own marks,
 * uncounted sales and circuit.
 *
 * <p>Per storefront, an update is sent only when it is newer than what {@link WrittenLevels} says was last written
 * there (else counted {@code storefront.updates.superseded}) and its value differs (else only the mark moves,
 * {@code storefront.updates.unchanged}); a stock level is written as {@link UncountedSales} says, never giving a
 * storefront back the sales the level does not count yet; a SKU the storefront does not sell is skipped
 * ({@code storefront.updates.unknown.sku}). The covered records are finished once every storefront is done and the
 * marks are durable. A refusal becomes a {@code rejected-by-target} dead letter of the latest record.
 *
 * <p>A transient failure puts the update back for a try in place a few hundred milliseconds later, up to
 * {@code triesInPlace} tries while the failing storefronts' circuits are closed and none asked to wait; then the
 * record carrying the update moves to the next {@code retry.storefront-sink.<n>} (after the last, a
 * {@code retries-exhausted} dead letter) and every record it stands for is finished. Storefronts already written
 * skip it next time, by their marks. An update read back from a retry topic whose storefront is down (circuit not
 * closed) or asked to wait is held here instead, without spending an attempt. Marks record the origin offset of the
 * record, so an update read back from a retry topic orders like the source record it is.
 */
public final class CatalogFlusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogFlusher.class);
    private static final Duration MARK_WAIT = Duration.ofSeconds(30);
    /** How long an update read back from retry waits before looking again while its storefront is down. */
    static final Duration HOLD = Duration.ofSeconds(1);

    /** How writing one update went, across all storefronts. */
    private record Result(List<String> refusals, String transientReason, StorefrontCallException retryHint,
                          Set<Storefront> failedOn) {
    }

    private final SkuCoalescer coalescer;
    private final List<StorefrontClient> targets;
    private final WrittenLevels written;
    private final StorefrontCalls storefrontCalls;
    private final DeadLetters deadLetters;
    private final RetryRouter router;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ExecutorService calls;
    private final ScheduledExecutorService timer;

    /** @param parallelism the SKUs written at once */
    public CatalogFlusher(SkuCoalescer coalescer, List<StorefrontClient> targets, WrittenLevels written,
                          StorefrontCalls storefrontCalls, SinkContext context, int parallelism) {
        this.coalescer = coalescer;
        this.targets = List.copyOf(targets);
        this.written = written;
        this.storefrontCalls = storefrontCalls;
        this.deadLetters = context.deadLetters();
        this.router = context.router();
        this.metrics = context.metrics();
        this.clock = context.clock();
        this.calls = Executors.newFixedThreadPool(parallelism, daemon("storefront-sink-catalog"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("storefront-sink-flush"));
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::flushSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One flush: writes every due update and returns when all are done or put back. */
    void flush() throws InterruptedException {
        List<PendingUpdate> due = coalescer.drainDue(clock.millis());
        List<Future<?>> running = new ArrayList<>(due.size());
        for (PendingUpdate update : due) {
            running.add(calls.submit(() -> write(update)));
        }
        for (Future<?> task : running) {
            try {
                task.get();
            } catch (ExecutionException e) {
                log.error("a catalogue update failed inside the sink", e.getCause());
            }
        }
    }

    private void flushSafely() {
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("flush failed; the next one tries again", e);
        }
    }

    private void write(PendingUpdate pending) {
        pending.covered().removeIf(c -> c.lease().isRevoked());
        List<PartitionLease> entered = new ArrayList<>();
        for (PartitionLease lease : leasesOf(pending)) {
            if (lease.enter()) {
                entered.add(lease);
            } else {
                pending.covered().removeIf(c -> c.lease() == lease);
            }
        }
        if (entered.isEmpty()) {
            return;
        }
        try {
            Result result;
            try {
                result = writeEverywhere(pending);
            } catch (RuntimeException | Error fault) {
                // a bug of the sink's own, not a storefront's answer: dead-lettered, so its records are not held
                log.error("the {} of {} failed inside the sink", pending.update().kind().label(),
                        pending.update().sku(), fault);
                if (deadLetters.publish(pending.record(), entered.get(0), ErrorClass.INTERNAL,
                        InternalFault.message("storefront-sink", pending.update().kind().label() + " update", fault),
                        pending.failedAttempts() + 1)) {
                    pending.complete();
                }
                return;
            }
            finish(pending, result, entered.get(0));
        } finally {
            entered.forEach(PartitionLease::exit);
        }
    }

    private void finish(PendingUpdate pending, Result result, PartitionLease lease) {
        if (result.transientReason() != null) {
            if (!moveOn(pending, result, lease)) {
                return;
            }
        } else if (!result.refusals().isEmpty()) {
            if (!deadLetters.publish(pending.record(), lease, ErrorClass.REJECTED_BY_TARGET,
                    String.join("; ", result.refusals()), pending.failedAttempts() + 1)) {
                return;
            }
        }
        pending.complete();
    }

    /**
     * After a transient failure: puts the update back (in place, or held) and answers false, or moves its record on
     * to retry and answers true once that is durable (false also when the lease was revoked first).
     */
    private boolean moveOn(PendingUpdate pending, Result result, PartitionLease lease) {
        CatalogUpdate update = pending.update();
        int attempt = pending.failedAttempts() + 1;
        int level = router.levelOf(pending.record().topic());
        Duration retryAfter = result.retryHint() == null ? Duration.ZERO
                : storefrontCalls.retryAfter(result.retryHint());
        boolean down = result.failedOn().stream().anyMatch(s -> !storefrontCalls.circuits().isClosed(s));
        if (attempt < storefrontCalls.triesInPlace() && !down && retryAfter.isZero()) {
            pending.failed(clock.millis() + StorefrontCalls.inPlaceDelay(attempt).toMillis());
            coalescer.retryLater(pending);
            return false;
        }
        if (level > 0 && (down || !retryAfter.isZero())) {
            metrics.counter("storefront.retry.held", "level", Integer.toString(level)).increment();
            pending.failed(clock.millis() + (retryAfter.compareTo(HOLD) > 0 ? retryAfter : HOLD).toMillis());
            coalescer.retryLater(pending);
            return false;
        }
        Routed routed = router.afterFailure(pending.record(), result.transientReason(), retryAfter);
        String where = routed.deadLettered() ? "retries-exhausted dead letter" : "retry level " + routed.level();
        DeadLetters.Settled settled = deadLetters.settle(pending.record(), lease,
                where + " of the " + update.kind().label() + " of " + update.sku(), routed::sent);
        if (settled != DeadLetters.Settled.WRITTEN) {
            return settled.isDurable();
        }
        log.warn("{} of {} failed transiently ({} tries), moved to the {}: {}", update.kind().label(), update.sku(),
                attempt, where, result.transientReason());
        if (routed.deadLettered()) {
            deadLetters.counted(ErrorClass.RETRIES_EXHAUSTED);
        } else {
            metrics.counter("storefront.retry.routed", "level", Integer.toString(routed.level())).increment();
        }
        return true;
    }

    private Result writeEverywhere(PendingUpdate pending) {
        CatalogUpdate update = pending.update();
        long offset = CatalogIntake.originOffset(router, pending.record());
        List<String> refusals = new ArrayList<>();
        Set<Storefront> failedOn = new HashSet<>();
        String transientReason = null;
        StorefrontCallException retryHint = null;
        List<Storefront> markedOn = new ArrayList<>();
        List<Mark> made = new ArrayList<>();
        List<Future<?>> marks = new ArrayList<>();
        for (StorefrontClient target : targets) {
            Storefront storefront = target.storefront();
            Optional<Mark> last = written.get(update.kind(), storefront, update.sku());
            boolean resync = pending.resync().contains(storefront);
            if (last.isPresent() && (resync ? last.get().isNewerThan(update, offset)
                    : !last.get().isOlderThan(update, offset))) {
                count("storefront.updates.superseded", update, storefront);
                continue;
            }
            try {
                Optional<Mark> mark = writeTo(target, update, last, offset, resync);
                if (mark.isEmpty()) {
                    count("storefront.updates.unknown.sku", update, storefront);
                    continue;
                }
                markedOn.add(storefront);
                made.add(mark.get());
                marks.add(written.record(update.kind(), storefront, update.sku(), mark.get()));
            } catch (StorefrontCallException e) {
                if (!storefrontCalls.refused(e)) {
                    transientReason = e.getMessage();
                    retryHint = e;
                    failedOn.add(storefront);
                } else {
                    refusals.add(storefront.displayName() + " refused the " + update.kind().label() + " of "
                            + update.sku() + ": " + e.detail());
                }
            }
        }
        for (int i = 0; i < marks.size(); i++) {
            try {
                marks.get(i).get(MARK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                written.forget(update.kind(), markedOn.get(i), update.sku(), made.get(i));
                transientReason = "recording the write in " + Topics.STOREFRONT_WRITTEN.name() + " failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                transientReason = "interrupted while recording the write";
            }
        }
        return new Result(refusals, transientReason, retryHint, failedOn);
    }

    /**
     * Writes the update to one storefront unless it already shows it; answers the mark to record, empty when the
     * storefront does not sell the SKU. A stock level that says which sales it counts is written by the
     * {@link UncountedSales} rule, against the amount the storefront shows right now.
     *
     * <p>A resync ({@code resync} true) writes even a level its mark says is there, and starts from "every sale is
     * counted", as a first write does: the operator resyncs because the storefront's amounts are wrong (wiped,
     * edited by hand), so what it lost since the last write is no measure of its sales, and neither is the basis of a
     * live write made after the wipe. The cost: units the storefront sold in the seconds before, whose orders the
     * transformer has not counted yet, show as available until those orders lower the level.
     */
    private Optional<Mark> writeTo(StorefrontClient target, CatalogUpdate update, Optional<Mark> last, long offset,
                                   boolean resync) {
        Storefront storefront = target.storefront();
        BigDecimal counted = update.kind() == CatalogUpdate.Kind.STOCK ? update.countedFor(storefront) : null;
        if (update.kind() == CatalogUpdate.Kind.PRICE) {
            return writePrice(target, update, last, offset);
        }
        // the store's own share of the level: its stock locations, else the level's available (CatalogUpdate)
        BigDecimal level = update.amountFor(storefront);
        if (counted == null) {
            if (!resync && last.isPresent() && last.get().sameValue(level)) {
                count("storefront.updates.unchanged", update, storefront);
            } else if (target.setStock(update.sku(), CatalogUpdate.capped(level))) {
                count("storefront.updates.written", update, storefront);
            } else {
                return Optional.empty();
            }
            return Optional.of(new Mark(update.changedAt(), level, offset));
        }
        OptionalLong current = target.stock(update.sku());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        // a resync starts from "every sale is counted", as a first write does: see the method's Javadoc
        Optional<Mark> basis = resync ? Optional.empty() : last;
        UncountedSales.Decision decision = UncountedSales.decide(level, counted,
                basis.map(Mark::basis).orElse(null), basis.map(Mark::value).orElse(null), current.getAsLong(),
                clock.millis());
        if (decision.amount() == current.getAsLong()) {
            count("storefront.updates.unchanged", update, storefront);
        } else if (target.setStock(update.sku(), decision.amount())) {
            count("storefront.updates.written", update, storefront);
        } else {
            return Optional.empty();
        }
        return Optional.of(new Mark(update.changedAt(), BigDecimal.valueOf(decision.amount()), offset,
                decision.basis()));
    }

    /**
     * A price and the description that came with it: each written only when it differs from what the mark says was
     * last written there (an unknown description, as after an older version of the sink, counts as differing). The
     * mark keeps the description's fingerprint; an update without a description keeps the one written before.
     */
    private Optional<Mark> writePrice(StorefrontClient target, CatalogUpdate update, Optional<Mark> last, long offset) {
        Storefront storefront = target.storefront();
        boolean samePrice = last.isPresent() && last.get().sameValue(update);
        boolean sameDescription = update.description() == null
                || last.isPresent() && last.get().sameDescription(update);
        if (samePrice && sameDescription) {
            count("storefront.updates.unchanged", update, storefront);
        } else {
            if (!samePrice) {
                if (!target.setPrice(update.sku(), update.value())) {
                    return Optional.empty();
                }
                count("storefront.updates.written", update, storefront);
            }
            if (!sameDescription) {
                if (!target.setDescription(update.sku(), update.description())) {
                    return Optional.empty();
                }
                metrics.counter("storefront.updates.written", "kind", "description", "storefront", storefront.id())
                        .increment();
            }
        }
        String description = update.description() != null ? Mark.hash(update.description())
                : last.map(Mark::descriptionHash).orElse(null);
        return Optional.of(new Mark(update.changedAt(), update.value(), offset, null, description));
    }

    private void count(String name, CatalogUpdate update, Storefront storefront) {
        metrics.counter(name, "kind", update.kind().label(), "storefront", storefront.id()).increment();
    }

    private static Set<PartitionLease> leasesOf(PendingUpdate pending) {
        Set<PartitionLease> leases = new LinkedHashSet<>();
        pending.covered().forEach(c -> leases.add(c.lease()));
        return leases;
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the last flush still runs after 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        calls.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
