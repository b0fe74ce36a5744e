package dev.p21bridge.p21;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.kafka.TopicReplay;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the p21-sink knows of P21's customers, kept in Kafka ({@link Topics#P21_CUSTOMER_IDS}, compacted, key the
 * lower-cased e-mail, value the P21 customer id): every id the sink finds or creates, and every new customer P21's
 * poll shows, is appended; every instance reads the topic whole at start and then follows it. So a buyer met before
 * costs no customer look-up, also right after a restart (docs/p21-calls.md).
 *
 * <p>Once the topic holds all of P21's customers (the first instance to start reads P21's customer table page by
 * page, then appends the marker {@value #COMPLETE}), an e-mail it has never held is a new buyer: the sink creates it
 * without looking first, one call. Which e-mails it holds is a Bloom filter (about 1.2 MB per million e-mails, 1 %
 * false positives, each of which only costs the look-up it would have made anyway); the ids themselves are in the
 * {@link CustomerResolver}'s bounded cache. The filter never forgets, so a false "new" can only come from a
 * customer created in P21 itself within one poll of its buyer's first web order (docs/p21-calls.md says so).
 *
 * <p>It is a cache, never the truth: an append that fails costs a look-up later, never a customer.
 */
final class P21CustomerDirectory implements CustomerResolver.Directory, AutoCloseable {

    /** The key whose record says the topic holds every customer P21 had when it was written. */
    static final String COMPLETE = "!complete";
    private static final Logger log = LoggerFactory.getLogger(P21CustomerDirectory.class);
    private static final Duration LOAD_LIMIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SEED_AGAIN = Duration.ofMinutes(1);

    private final String topic = Topics.P21_CUSTOMER_IDS.name();
    private final KafkaConfig kafka;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final BloomFilter<String> emails;
    private volatile boolean complete;
    /** Set when the marker was read while following: complete once every partition is read up to these offsets. */
    private Map<TopicPartition, Long> completeAt;
    private List<TopicPartition> partitions = List.of();
    private CustomerResolver resolver;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread follower;
    private volatile boolean running;

    /** @param expectedEmails how many e-mails the filter is sized for (more only raise its false positives) */
    P21CustomerDirectory(KafkaConfig kafka, Producer<String, byte[]> producer, Clock clock, int expectedEmails) {
        this.kafka = kafka;
        this.producer = producer;
        this.clock = clock;
        this.emails = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), expectedEmails, 0.01);
    }

    /**
     * Reads the topic up to its end offsets into {@code into} (bounded by {@link #LOAD_LIMIT}; what is not read by
     * then is looked up when needed), then, on a thread of its own, reads P21's customer table with {@code seed}
     * if no instance did before, and follows the topic.
     *
     * @param seed hands every customer of P21 (e-mail, id) to its argument; throws when P21 cannot be read
     */
    void start(CustomerResolver into, Consumer<BiConsumer<String, String>> seed) {
        this.resolver = into;
        consumer = new KafkaConsumer<>(ClientProperties.backlogReader(kafka, "unused", "p21-sink-customer-ids"));
        int[] loaded = {0};
        try {
            partitions = TopicReplay.readToEnd(consumer, topic, LOAD_LIMIT, record -> loaded[0] += read(record));
        } catch (IllegalStateException tooSlow) {
            partitions = consumer.assignment().stream().toList();
            completeAt = null;
            log.warn("{} not read to its end within {}; buyers are looked up until it is", topic, LOAD_LIMIT);
        }
        if (partitions.isEmpty()) {
            log.warn("{} does not exist; every buyer is looked up in P21 once per run", topic);
            consumer.close();
            consumer = null;
            return;
        }
        completeIfCaughtUp();
        log.info("{} P21 customer ids loaded from {}; {}", loaded[0], topic,
                complete ? "it holds every P21 customer" : "P21's customer table is read once to complete it");
        running = true;
        follower = new Thread(() -> seedThenFollow(seed), "p21-sink-customer-ids");
        follower.setDaemon(true);
        follower.start();
    }

    /** True when P21 surely has no customer with {@code email} (lower-cased): the directory is complete and never held it. */
    @Override
    public boolean surelyAbsent(String email) {
        return complete && !mayHold(email);
    }

    @Override
    public boolean mayHold(String email) {
        synchronized (emails) {
            return emails.mightContain(email);
        }
    }

    /** The resolver found or created {@code customerId} for {@code email} by calling P21: every instance learns it. */
    @Override
    public void learned(String email, String customerId) {
        hold(email);
        append(email, customerId);
    }

    private void append(String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)),
                (metadata, failure) -> {
                    if (failure != null) {
                        log.warn("could not keep {} in {}: {}", key.startsWith("!") ? key : PersonalData.maskEmail(key),
                                topic, failure.toString());
                    }
                });
    }

    private void hold(String email) {
        synchronized (emails) {
            emails.put(email);
        }
    }

    private void seedThenFollow(Consumer<BiConsumer<String, String>> seed) {
        try {
            while (running && !complete) {
                if (seeded(seed)) {
                    break;
                }
                long until = System.nanoTime() + SEED_AGAIN.toNanos();
                while (running && !complete && System.nanoTime() < until) {
                    follow();
                }
            }
            while (running) {
                follow();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("following {} stopped; what other instances learn is looked up when needed", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads every customer of P21 into the topic, then marks it complete; false when P21 could not be read. */
    private boolean seeded(Consumer<BiConsumer<String, String>> seed) {
        String since = clock.instant().toString();
        long[] read = {0};
        try {
            seed.accept((email, customerId) -> {
                hold(email);
                resolver.recall(email, customerId);
                append(email, customerId);
                read[0]++;
            });
        } catch (RuntimeException e) {
            log.warn("reading P21's customer table failed after {} customers ({}); tried again in {}", read[0],
                    e.getMessage(), SEED_AGAIN);
            return false;
        }
        producer.flush();
        append(COMPLETE, since);
        complete = true;
        log.info("{} P21 customers read into {}; a buyer it does not hold is created without a look-up", read[0], topic);
        return true;
    }

    /** One record of the topic taken in; answers 1 for a customer id, 0 for anything else. */
    private int read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null || record.value().length == 0) {
            return 0;
        }
        if (COMPLETE.equals(record.key())) {
            // the seed's records were acknowledged before the marker, but may sit in partitions not read yet
            completeAt = complete ? null : consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
            return 0;
        }
        hold(record.key());
        resolver.recall(record.key(), new String(record.value(), StandardCharsets.UTF_8));
        return 1;
    }

    private void follow() {
        consumer.poll(POLL).forEach(this::read);
        completeIfCaughtUp();
    }

    private void completeIfCaughtUp() {
        if (completeAt != null && partitions.stream().allMatch(p -> consumer.position(p) >= completeAt.get(p))) {
            completeAt = null;
            complete = true;
            log.info("{} holds every P21 customer; a buyer it does not hold is created without a look-up", topic);
        }
    }

    @Override
    public void close() {
        running = false;
        if (follower != null) {
            consumer.wakeup();
            try {
                follower.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
