package dev.p21bridge.simulators.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskyMixTest {

    @Test
    void shouldPlanTheShareInThirdsWithCardTestingInRunsOfSixToTenAfterTheHistory() {
        for (int count : new int[] {200, 1_000, 10_000}) {
            for (double share : new double[] {0.03, 0.1, 0.5}) {
                RiskyMix mix = RiskyMix.plan(21, count, share);
                Map<RiskPattern, Integer> perPattern = new EnumMap<>(RiskPattern.class);
                List<Integer> runLengths = new ArrayList<>();
                int history = (int) Math.ceil(count * 0.05);
                int previousRun = -1;
                for (int position = 0; position < count; position++) {
                    Optional<RiskyMix.Slot> slot = mix.at(position);
                    if (slot.isEmpty()) {
                        continue;
                    }
                    assertThat(position).as("%s x %s: in the history", count, share).isGreaterThanOrEqualTo(history);
                    perPattern.merge(slot.get().pattern(), 1, Integer::sum);
                    if (slot.get().pattern() == RiskPattern.CARD_TESTING) {
                        if (slot.get().run() != previousRun) {
                            assertThat(slot.get().startsRun()).isTrue();
                            runLengths.add(0);
                            previousRun = slot.get().run();
                        }
                        runLengths.set(runLengths.size() - 1, runLengths.get(runLengths.size() - 1) + 1);
                    }
                }
                int risky = (int) Math.round(count * share);
                assertThat(perPattern.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(risky);
                for (RiskPattern pattern : RiskPattern.values()) {
                    assertThat(perPattern.getOrDefault(pattern, 0)).as("%s x %s: %s", count, share, pattern)
                            .isBetween(risky / 3 - Math.max(4, risky / 20), risky / 3 + Math.max(4, risky / 20));
                }
                assertThat(runLengths).allSatisfy(length -> assertThat(length).isBetween(6, 10));
            }
        }
    }

    @Test
    void shouldPlanNothingForAZeroShareAndTheSameForTheSameSeed() {
        assertThat(RiskyMix.plan(21, 1_000, 0).isEmpty()).isTrue();
        RiskyMix one = RiskyMix.plan(5, 1_000, 0.2);
        RiskyMix two = RiskyMix.plan(5, 1_000, 0.2);
        for (int position = 0; position < 1_000; position++) {
            assertThat(two.at(position)).isEqualTo(one.at(position));
        }
    }
}
