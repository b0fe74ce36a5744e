package dev.p21bridge.platform.retry;

import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.RetryState.Origin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RetryRouterTest {

    private static final byte[] VALUE = {1, 2, 3};

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final RetryRouter router = new RetryRouter(producer, "p21-sink", new RetryConfig(
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10)), 5, Duration.ofSeconds(60),
            Duration.ofSeconds(30)), clock);

    @Test
    void shouldSendASourceRecordToLevelOneInItsOwnPartitionWithTheRetryHeaders() {
        router.afterFailure(source(4, 1_234), "P21 answered 503", Duration.ZERO);

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("retry.p21-sink.1");
        assertThat(sent.partition()).isEqualTo(4);
        assertThat(sent.key()).isEqualTo("xcart:1");
        assertThat(sent.value()).isEqualTo(VALUE);
        assertThat(text(sent.headers(), "event-id")).isEqualTo("evt-1");
        assertThat(RetryHeaders.read(sent.headers())).contains(new RetryState(1, clock.instant().plusSeconds(10),
                new Origin("canonical.orders", 4, 1_234)));
    }

    @Test
    void shouldMoveARetryRecordUpOneLevelKeepingItsOrigin() {
        RetryRouter.Routed routed = router.afterFailure(retry(2, 2, 4, 1_234), "timeout", Duration.ZERO);

        assertThat(routed.level()).isEqualTo(3);
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("retry.p21-sink.3");
        assertThat(RetryHeaders.read(sent.headers())).contains(new RetryState(3, clock.instant().plusSeconds(600),
                new Origin("canonical.orders", 4, 1_234)));
    }

    @Test
    void shouldHonourARetryAfterLongerThanTheLevelsDelay() {
        RetryRouter.Routed routed = router.afterFailure(source(0, 5), "P21 answered 429", Duration.ofSeconds(45));

        assertThat(routed.state().notBefore()).isEqualTo(clock.instant().plusSeconds(45));
        assertThat(router.afterFailure(source(0, 6), "429", Duration.ofDays(2)).state().notBefore())
                .isEqualTo(clock.instant().plus(RetryRouter.MAX_RETRY_AFTER));
    }

    @Test
    void shouldDeadLetterAfterTheLastLevelNamingTheOriginTopicAndDroppingTheRetryHeaders() {
        RetryRouter.Routed routed = router.afterFailure(retry(3, 3, 4, 1_234), "P21 answered 503", Duration.ZERO);

        assertThat(routed.deadLettered()).isTrue();
        ProducerRecord<String, byte[]> letter = producer.history().get(0);
        assertThat(letter.topic()).isEqualTo("dlq.p21-sink");
        assertThat(letter.key()).isEqualTo("xcart:1");
        assertThat(letter.value()).isEqualTo(VALUE);
        Headers headers = letter.headers();
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.orders");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("4");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("1234");
        assertThat(text(headers, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(ErrorClass.RETRIES_EXHAUSTED.label());
        assertThat(text(headers, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(text(headers, DeadLetterHeaders.ERROR_MESSAGE)).contains("P21 answered 503");
        assertThat(text(headers, "event-id")).isEqualTo("evt-1");
        assertThat(headers.lastHeader(RetryHeaders.ATTEMPT)).isNull();
        assertThat(headers.lastHeader(RetryHeaders.ORIGINAL_TOPIC)).isNull();
    }

    @Test
    void shouldPutARecordBehindAnEarlierOneWithoutCountingAnAttemptAndDueAtOnce() {
        RetryRouter.Routed routed = router.behind(source(2, 77), 2, Duration.ZERO);

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("retry.p21-sink.2");
        assertThat(sent.partition()).isEqualTo(2);
        assertThat(routed.state()).isEqualTo(new RetryState(0, clock.instant(), new Origin("canonical.orders", 2, 77)));
    }

    @Test
    void shouldIgnoreRetryHeadersOnASourceRecordSuchAsAReplayedDeadLetter() {
        ConsumerRecord<String, byte[]> replayed = retry(3, 3, 1, 9);
        ConsumerRecord<String, byte[]> onSource = new ConsumerRecord<>("canonical.orders", 5, 800, 0L,
                TimestampType.CREATE_TIME, 0, 0, "xcart:1", VALUE, replayed.headers(), Optional.empty());

        assertThat(router.stateOf(onSource)).isEqualTo(new RetryState(0, clock.instant(),
                new Origin("canonical.orders", 5, 800)));
        assertThat(router.levelOf("canonical.orders")).isZero();
        assertThat(router.levelOf("retry.p21-sink.2")).isEqualTo(2);
        assertThat(router.topics()).containsExactly("retry.p21-sink.1", "retry.p21-sink.2", "retry.p21-sink.3");
    }

    private static ConsumerRecord<String, byte[]> source(int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", "evt-1".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("canonical.orders", partition, offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                "xcart:1", VALUE, headers, Optional.empty());
    }

    private ConsumerRecord<String, byte[]> retry(int level, int attempt, int partition, long originOffset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", "evt-1".getBytes(StandardCharsets.UTF_8));
        RetryHeaders.write(headers, new RetryState(attempt, clock.instant(),
                new Origin("canonical.orders", partition, originOffset)));
        return new ConsumerRecord<>("retry.p21-sink." + level, partition, 3, 0L, TimestampType.CREATE_TIME, 0, 0,
                "xcart:1", VALUE, headers, Optional.empty());
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
