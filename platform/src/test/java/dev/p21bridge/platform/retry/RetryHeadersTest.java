package dev.p21bridge.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.retry.RetryState.Origin;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RetryHeadersTest {

    private final RetryState state = new RetryState(2, Instant.ofEpochMilli(1_795_000_000_123L),
            new Origin("canonical.orders", 4, 1_234L));

    @Test
    void shouldReadBackWhatItWrote() {
        Headers headers = RetryHeaders.write(new RecordHeaders(), state);

        assertThat(RetryHeaders.read(headers)).contains(state);
    }

    @Test
    void shouldWriteReadableDecimalStringsUnderTheContractNames() {
        Headers headers = RetryHeaders.write(new RecordHeaders(), state);

        assertThat(text(headers, "retry-attempt")).isEqualTo("2");
        assertThat(text(headers, "retry-not-before")).isEqualTo("1795000000123");
        assertThat(text(headers, "retry.original.topic")).isEqualTo("canonical.orders");
        assertThat(text(headers, "retry.original.partition")).isEqualTo("4");
        assertThat(text(headers, "retry.original.offset")).isEqualTo("1234");
    }

    @Test
    void shouldReplaceEarlierRetryHeadersAndKeepTheRecordsOwn() {
        Headers headers = new RecordHeaders();
        headers.add("event-id", "evt-1".getBytes(StandardCharsets.UTF_8));
        RetryHeaders.write(headers, state);
        RetryState later = new RetryState(3, state.notBefore().plusSeconds(60), state.origin());

        RetryHeaders.write(headers, later);

        assertThat(headers.headers("retry-attempt")).hasSize(1);
        assertThat(RetryHeaders.read(headers)).contains(later);
        assertThat(text(headers, "event-id")).isEqualTo("evt-1");
    }

    @Test
    void shouldAnswerNothingForARecordWithoutOrWithBrokenRetryHeaders() {
        assertThat(RetryHeaders.read(new RecordHeaders())).isEmpty();
        Headers broken = RetryHeaders.write(new RecordHeaders(), state);
        broken.remove("retry-attempt");
        broken.add("retry-attempt", "two".getBytes(StandardCharsets.UTF_8));

        assertThat(RetryHeaders.read(broken)).isEmpty();
        assertThat(RetryHeaders.notBefore(broken, Instant.EPOCH)).isEqualTo(state.notBefore());
    }

    @Test
    void shouldFallBackForTheDueTimeWhenItIsMissing() {
        assertThat(RetryHeaders.notBefore(new RecordHeaders(), Instant.EPOCH)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void shouldStripEveryRetryHeader() {
        Headers headers = RetryHeaders.write(new RecordHeaders(), state);
        headers.add("event-id", "evt-1".getBytes(StandardCharsets.UTF_8));

        RetryHeaders.strip(headers);

        assertThat(headers.toArray()).singleElement().satisfies(h -> assertThat(h.key()).isEqualTo("event-id"));
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
