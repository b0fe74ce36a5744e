package dev.p21bridge.app.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldDecisionsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T15:00:00Z"));
    private final MemoryHoldBook book = new MemoryHoldBook();
    private final HoldDecisions decisions = new HoldDecisions(book, clock);

    @Test
    void shouldWriteAnApprovalOfAHeldOrderWithWhoDecidedAndWhen() {
        book.put(held("xcart:10452"));

        HoldDecisions.Outcome outcome = decisions.approve("xcart:10452", "cli");

        assertThat(outcome).isInstanceOf(HoldDecisions.Outcome.Decided.class);
        assertThat(book.written).singleElement().satisfies(hold -> {
            assertThat(hold.state()).isEqualTo(HoldState.APPROVED);
            assertThat(hold.decidedBy()).isEqualTo("cli");
            assertThat(hold.decidedAt()).isEqualTo(clock.instant());
            assertThat(hold.p21OrderNo()).isEqualTo("1000123");
        });
    }

    @Test
    void shouldRefuseADecisionOnAnOrderNotHeldNowAndWriteNothing() {
        book.put(held("xcart:1").decided(HoldState.REJECTED, "console", clock.instant()));
        book.put(held("xcart:2").applied(HoldState.RELEASED, "released P21 order 1000123"));

        assertThat(decisions.approve("xcart:1", "api")).isInstanceOfSatisfying(HoldDecisions.Outcome.NotHeld.class,
                refused -> assertThat(refused.message()).contains("xcart:1 is not held: it is rejected",
                        "decided by console"));
        assertThat(decisions.reject("xcart:2", "cli")).isInstanceOf(HoldDecisions.Outcome.NotHeld.class);
        assertThat(decisions.reject("clarity:9", "cli")).isInstanceOfSatisfying(HoldDecisions.Outcome.NotFound.class,
                missing -> assertThat(missing.message()).isEqualTo("no order clarity:9 is held for review"));
        assertThat(book.written).isEmpty();
    }

    @Test
    void shouldRefuseAKeyThatIsNotStoreColonOrderId() {
        assertThat(HoldDecisions.checkedKey("xcart:10452")).isEqualTo("xcart:10452");
        assertThat(HoldDecisions.checkedKey("clarity:CL-2026-000981")).isEqualTo("clarity:CL-2026-000981");
        for (String bad : new String[] {"10452", "xcart:", ":10452", "XCart:1", "xcart:1 2", ""}) {
            assertThatThrownBy(() -> decisions.approve(bad, "cli")).as(bad)
                    .hasMessageContaining("must be <store>:<order id>");
        }
        assertThatThrownBy(() -> decisions.approve("xcart:1", "someone")).hasMessageContaining("decidedBy");
    }

    @Test
    void shouldShowAHoldsAgeAndMaskEveryEmailInItsReasons() {
        Hold hold = new Hold("xcart:7", "xcart", "1000007", 60, List.of("velocity-email dana.w@example.com 5 in 10 min (40)"),
                "risk 60: velocity-email dana.w@example.com 5 in 10 min", HoldState.HELD,
                clock.instant().minus(Duration.ofMinutes(192)), null, null, null);

        HoldView view = HoldView.of(hold, clock.instant());

        assertThat(view.age()).isEqualTo("3 h 12 min");
        assertThat(view.ageMinutes()).isEqualTo(192);
        assertThat(view.reasons()).singleElement().asString().doesNotContain("dana.w@").contains("@example.com");
        assertThat(view.holdReason()).doesNotContain("dana.w@");
        assertThat(HoldView.ageText(Duration.ofHours(52))).isEqualTo("2 d 4 h");
    }

    private Hold held(String key) {
        return new Hold(key, "xcart", "1000123", 72, List.of("velocity-email 5 orders in 10 min (40)"), "risk 72",
                HoldState.HELD, clock.instant().minus(Duration.ofMinutes(30)), null, null, null);
    }
}
