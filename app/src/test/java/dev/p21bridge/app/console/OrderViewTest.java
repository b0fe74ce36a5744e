package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.trace.TraceAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Trace page makes of a traced order: the e-mail in full only where it belongs, dead letters and retries marked. */
class OrderViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldShowTheBuyersEmailInFullButMaskAddressesInTheStatesAndReasons() throws Exception {
        TraceAnswer.OrderTrace order = new TraceAnswer.OrderTrace("xcart:1", "dana@example.com", "1000001", List.of(
                new TraceAnswer.Step("2026-12-07T10:00:00Z", "dead-letter", "dlq.p21-sink", 0, 4,
                        "p21-sink gave up on the order", new TraceAnswer.DeadLetterReason("p21-sink",
                        "rejected-by-target", "customer dana@example.com is on credit hold", 1, "canonical.orders"),
                        null)),
                new TraceAnswer.State("P21", "found", JSON.readTree(
                        "{\"order_no\":\"1000001\",\"email_address\":\"dana@example.com\",\"lines\":[1,2]}"), null),
                new TraceAnswer.State("xcart", "unreachable", null, "no answer from dana@example.com's store"));

        OrderView view = OrderView.of(order);

        assertThat(view.email()).isEqualTo("dana@example.com");
        assertThat(view.p21().detail()).isEqualTo("order_no=1000001, email_address=d***@example.com");
        assertThat(view.storefront().detail()).doesNotContain("dana@");
        OrderView.StepView letter = view.path().get(0);
        assertThat(letter.deadLetter()).isEqualTo("rejected-by-target: customer d***@example.com is on credit hold"
                + " (1 attempt(s))");
        assertThat(letter.rowClass()).isEqualTo("step-dead-letter");
        assertThat(letter.where()).isEqualTo("0@4");
    }

    @Test
    void shouldMarkRetriesAndSayWhenASystemWasNotAsked() {
        TraceAnswer.OrderTrace order = new TraceAnswer.OrderTrace("clarity:7", null, null, List.of(
                new TraceAnswer.Step("2026-12-07T10:00:00Z", "retry", "retry.p21-sink.1", 2, 9,
                        "waiting for retry attempt 1", null, null)), null, null);

        OrderView view = OrderView.of(order);

        assertThat(view.path().get(0).rowClass()).isEqualTo("step-retry");
        assertThat(view.p21().status()).isEqualTo("not asked");
        assertThat(view.storefront().system()).isEqualTo("storefront");
    }
}
