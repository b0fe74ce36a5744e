package dev.p21bridge.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.storefront.StorefrontErrorPolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorefrontErrorPolicyTest {

    private final StorefrontErrorPolicy policy = new StorefrontErrorPolicy();

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"0, TRANSIENT", "200, REJECTED", "400, REJECTED", "401, TRANSIENT", "403, REJECTED",
            "404, REJECTED", "408, TRANSIENT", "409, REJECTED", "422, REJECTED", "429, TRANSIENT", "500, TRANSIENT",
            "502, TRANSIENT", "503, TRANSIENT", "504, TRANSIENT"})
    void shouldClassifyEveryStatusTheContractNames(int status, Verdict verdict) {
        assertThat(policy.classify(new StorefrontCallException(Storefront.XCART, status, "x", null))).isEqualTo(verdict);
    }

    @Test
    void shouldWaitTheLongerOfTheBackoffAndRetryAfterButNoMoreThanFiveMinutes() {
        Duration backoff = Duration.ofMillis(400);
        assertThat(policy.retryDelay(failure(null), backoff)).isEqualTo(backoff);
        assertThat(policy.retryDelay(failure(Duration.ZERO), backoff)).isEqualTo(backoff);
        assertThat(policy.retryDelay(failure(Duration.ofSeconds(30)), backoff)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.retryDelay(failure(Duration.ofHours(2)), backoff)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldCountOnlyAnswersThatSayTheStorefrontIsDownAgainstItsCircuit() {
        assertThat(List.of(0, 408, 429, 500, 503)).allMatch(StorefrontErrorPolicy::isTargetFailure);
        assertThat(List.of(200, 400, 401, 404, 422)).noneMatch(StorefrontErrorPolicy::isTargetFailure);
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        assertThat(StorefrontAnswer.retryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(StorefrontAnswer.retryAfter("Fri, 20 Nov 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(StorefrontAnswer.retryAfter("soon", now)).isNull();
    }

    private static StorefrontCallException failure(Duration retryAfter) {
        return new StorefrontCallException(Storefront.CLARITY, 429, "Too Many Requests", retryAfter);
    }
}
