package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates come from the services' totals between samples; a restart's reset counter never shows as negative. */
class FlowHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void shouldGiveTheRatePerMinuteOverTheLastMinute() {
        FlowHistory history = new FlowHistory(100);
        for (int i = 0; i <= 24; i++) {
            // 10 records every 5 s for two minutes: 120 per minute
            history.add(sample(i * 5, i * 10, 0));
        }

        assertThat(FlowHistory.ratePerMinute(history.samples())).isEqualTo(120.0);
        assertThat(FlowHistory.steps(history.samples())).hasSize(24).containsOnly(120.0);
    }

    @Test
    void shouldKeepOnlyTheLastSamplesAndCountFailuresInThem() {
        FlowHistory history = new FlowHistory(3);
        history.add(sample(0, 0, 1));
        history.add(sample(5, 10, 2));
        history.add(sample(10, 20, 4));
        history.add(sample(15, 30, 9));

        assertThat(history.samples()).hasSize(3);
        assertThat(FlowHistory.failures(history.samples())).isEqualTo(7);
    }

    @Test
    void shouldShowNoRateRatherThanANegativeOneAfterACounterStartsAgain() {
        List<FlowHistory.Sample> samples = List.of(sample(0, 500, Double.NaN), sample(5, 3, Double.NaN));

        assertThat(FlowHistory.ratePerMinute(samples)).isZero();
        assertThat(FlowHistory.failures(samples)).isNull();
    }

    @Test
    void shouldCountFailuresFromTheFirstKnownSampleAndNotAtAllWhileTheNewestIsUnknown() {
        List<FlowHistory.Sample> known = List.of(sample(0, 0, Double.NaN), sample(5, 0, 3), sample(10, 0, 5));
        List<FlowHistory.Sample> unknownNow = List.of(sample(0, 0, 3), sample(5, 0, 5), sample(10, 0, Double.NaN));

        assertThat(FlowHistory.failures(known)).isEqualTo(2);
        assertThat(FlowHistory.failures(unknownNow)).isNull();
    }

    private static FlowHistory.Sample sample(int seconds, double done, double failed) {
        return new FlowHistory.Sample(T0.plusSeconds(seconds), done, failed, 0L, 0L, null);
    }
}
