package dev.p21bridge.p21client;

import static dev.p21bridge.p21client.P21ErrorPolicy.Verdict.PERMANENT;
import static dev.p21bridge.p21client.P21ErrorPolicy.Verdict.RENEW_TOKEN;
import static dev.p21bridge.p21client.P21ErrorPolicy.Verdict.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.p21client.P21ErrorPolicy.Verdict;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class P21ErrorPolicyTest {

    private final P21ErrorPolicy policy = new P21ErrorPolicy();

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(400, "Invalid filter expression", PERMANENT),
                Arguments.of(403, "insufficient_scope", PERMANENT),
                Arguments.of(404, "Resource not found: table/x", PERMANENT),
                Arguments.of(409, "conflict", PERMANENT),
                Arguments.of(422, "unprocessable", PERMANENT),
                Arguments.of(401, "Authorization has been denied", RENEW_TOKEN),
                Arguments.of(408, "request timeout", TRANSIENT),
                Arguments.of(429, "too many requests", TRANSIENT),
                Arguments.of(500, "An error has occurred.", TRANSIENT),
                Arguments.of(502, "bad gateway", TRANSIENT),
                Arguments.of(503, "unavailable", TRANSIENT),
                Arguments.of(504, "gateway timeout", TRANSIENT),
                Arguments.of(200, "Unexpected response window encountered", TRANSIENT),
                Arguments.of(400, "Object reference not set to an instance of an object.", TRANSIENT));
    }

    @ParameterizedTest(name = "HTTP {0} \"{1}\" is {2}")
    @MethodSource("answers")
    void shouldClassifyEveryP21Answer(int status, String message, Verdict expected) {
        assertThat(policy.classify(new P21CallException(status, message))).isEqualTo(expected);
    }

    @Test
    void shouldRetryWhenNoAnswerCameAtAll() {
        assertThat(policy.classify(new P21CallException("read timed out", new SocketTimeoutException())))
                .isEqualTo(TRANSIENT);
        assertThat(policy.classify(new P21CallException("connection reset", new IOException("reset"))))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void shouldTakeOnlyP21sOwnAnswerAsFinalNotNoAnswerOrAGatewaysTimeOut() {
        assertThat(policy.answeredFinally(new P21CallException(500, "An error has occurred."))).isTrue();
        assertThat(policy.answeredFinally(new P21CallException(503, "Service unavailable"))).isTrue();
        assertThat(policy.answeredFinally(new P21CallException(504, "Gateway Time-out"))).isFalse();
        assertThat(policy.answeredFinally(new P21CallException(502, "Bad Gateway"))).isFalse();
        assertThat(policy.answeredFinally(new P21CallException("read timed out", new SocketTimeoutException())))
                .isFalse();
    }

    @Test
    void shouldTreatABusinessRefusalAsPermanent() {
        assertThat(policy.classifyRejection(List.of("Item ID X does not exist"))).isEqualTo(PERMANENT);
        assertThat(policy.classifyRejection(List.of("Customer ID is required"))).isEqualTo(PERMANENT);
    }

    @Test
    void shouldTreatARefusalCausedByTheSessionPoolAsTransient() {
        assertThat(policy.classifyRejection(List.of("Unexpected response window encountered")))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void shouldTellAWriteThatMayHaveBeenCarriedOutFromOneThatCannotHaveBeen() {
        P21ErrorPolicy policy = new P21ErrorPolicy();

        assertThat(policy.mayHaveBeenWritten(new P21CallException("read timed out", new java.io.IOException())))
                .as("sent, no answer").isTrue();
        assertThat(policy.mayHaveBeenWritten(new P21CallException(503, "Service Unavailable"))).isTrue();
        assertThat(policy.mayHaveBeenWritten(new P21CallException(429, "Too Many Requests")))
                .as("a rate limit answers before any work").isFalse();
        assertThat(policy.mayHaveBeenWritten(new P21CallException(400, "Bad Request"))).as("refused").isFalse();
        assertThat(policy.mayHaveBeenWritten(P21CallException.notCalled("Order"))).as("never sent").isFalse();
    }

    @Test
    void shouldMakeARefusalARejectionWithP21sWordsAndAFaultATransientFailureWithItsRetryAfter() {
        P21ErrorPolicy policy = new P21ErrorPolicy();

        String rejected = policy.outcomeOf(new P21CallException(422, "Item HX-1 is inactive"),
                message -> "rejected: " + message, (reason, retryAfter) -> "transient");
        String again = policy.outcomeOf(new P21CallException(429, "slow down", java.time.Duration.ofSeconds(7)),
                message -> "rejected", (reason, retryAfter) -> "transient after " + retryAfter);

        assertThat(rejected).isEqualTo("rejected: P21 answered 422: Item HX-1 is inactive");
        assertThat(again).isEqualTo("transient after PT7S");
    }
}
