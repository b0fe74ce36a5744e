package dev.p21bridge.transformer.risk;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.RiskAssessment;
import dev.p21bridge.transformer.P21NormalizeProcessor;
import dev.p21bridge.transformer.mapping.ActiveMappings;
import dev.p21bridge.transformer.mapping.RiskRules;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores each new order of a store ({@link RiskScorer}) and writes the score into it, then keys every order by its
 * order key for {@code canonical.orders}. Its task sees all of a store's orders in order (the store's raw partition,
 * and the store's partition of {@code risk-orders-by-store} for orders that arrived elsewhere), so its history counts
 * across them; an update passes through unscored, in its place after its order. The rules are the active mapping
 * set's ({@code risk/rules.json}), read per record, so a new version applies from the next order without a restart.
 *
 * <p>A fault while scoring (a bug, a corrupt entry) fails open: the order goes on without a score, the error is logged
 * with its key and counted ({@code risk-scoring-failed}). Holding every order on a bug would stop a store's sales;
 * the operator sees the count and the log.
 */
public final class RiskProcessor implements Processor<String, Order, String, Order> {

    /** One record per scored order, the risk history's only store with a changelog ({@link SightingsLog}). */
    public static final String SIGHTINGS_LOG = "risk-sightings-log";
    private static final Duration FORGET_EVERY = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(RiskProcessor.class);

    private final String mappingsStoreName;
    private final Duration memory;
    private ProcessorContext<String, Order> context;
    private ActiveMappings<RiskRules> rules;
    private RiskScorer scorer;
    private Sensor scored;
    private Sensor failed;

    /**
     * @param mappingsStoreName the global store of {@code bridge.mappings}
     * @param memory            how far back the history remembers ({@code BRIDGE_RISK_HISTORY})
     */
    public RiskProcessor(String mappingsStoreName, Duration memory) {
        this.mappingsStoreName = mappingsStoreName;
        this.memory = memory;
    }

    @Override
    public void init(ProcessorContext<String, Order> context) {
        this.context = context;
        TimestampedKeyValueStore<String, byte[]> published = context.getStateStore(mappingsStoreName);
        this.rules = new ActiveMappings<>(key -> ValueAndTimestamp.getValueOrNull(published.get(key)),
                RiskRules::of);
        // the history in hash maps of the scorer, rebuilt from the log: a lookup in a hash map of a month's buyers
        // costs a fraction of one in a sorted in-memory store, and nothing of it goes to a changelog
        this.scorer = new RiskScorer(new SightingsLog(context.getStateStore(SIGHTINGS_LOG)), memory);
        // a task starting, or resuming after a rebalance, with the log as committed: the in-memory history again
        long started = System.nanoTime();
        try {
            int replayed = scorer.replay(rules.current());
            if (replayed > 0) {
                log.info("risk history of task {} rebuilt from {} logged orders in {} ms", context.taskId(), replayed,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // fails open, as the scoring does: a task that could not start would stop every order of its stores
            log.error("risk history of task {} not rebuilt in full, orders are scored against what was: {}",
                    context.taskId(), e.toString(), e);
        }
        this.scored = context.metrics().addRateTotalSensor(P21NormalizeProcessor.METRICS_SCOPE, "risk", "risk-orders-scored",
                Sensor.RecordingLevel.INFO);
        // a day's keys: those idle for longer go, checked every few minutes of wall-clock time; and the log keeps
        // the history's span
        context.schedule(FORGET_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> scorer.forget(Instant.ofEpochMilli(now)));
        this.failed = context.metrics().addRateTotalSensor(P21NormalizeProcessor.METRICS_SCOPE, "risk", "risk-scoring-failed",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Order> record) {
        Order order = record.value();
        if (order.getChangeType() == ChangeType.CREATED) {
            try {
                RiskRules current = rules.current();
                int version = rules.version();
                RiskAssessment risk = scorer.score(order, current, Instant.ofEpochMilli(record.timestamp()),
                        version == 0 ? null : String.valueOf(version));
                // in place: the order was just made by the normalizer (its other reader, the buyer's branch, takes
                // only the customer) or read from the repartition topic, while a builder's copy of the whole order
                // cost a sixth of the scoring stage
                order.setRisk(risk);
                scored.record();
            } catch (RuntimeException e) {
                failed.record();
                log.error("risk scoring of {} failed, it goes on unscored: {}", order.getOrderKey(), e.toString(), e);
            }
        }
        context.forward(record.withKey(order.getOrderKey()).withValue(order));
    }
}
