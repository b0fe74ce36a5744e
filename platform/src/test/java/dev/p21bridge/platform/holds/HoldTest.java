package dev.p21bridge.platform.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldTest {

    private static final Instant HELD_AT = Instant.parse("2026-12-07T10:00:00Z");

    private final Hold held = new Hold("xcart:10452", "xcart", "1000123", 72,
            List.of("velocity-email 5 orders in 10 min (40)", "country-mismatch US/NG (32)"), "risk 72: ...",
            HoldState.HELD, HELD_AT, null, null, null);

    @Test
    void shouldReadBackWhatItWrites() {
        Hold approved = held.decided(HoldState.APPROVED, "cli", HELD_AT.plusSeconds(60));

        assertThat(Hold.fromJson(held.toJson())).isEqualTo(held);
        assertThat(Hold.fromJson(approved.toJson())).isEqualTo(approved);
        assertThat(new String(approved.toJson(), StandardCharsets.UTF_8)).contains("\"state\":\"approved\"",
                "\"decidedBy\":\"cli\"");
    }

    @Test
    void shouldKeepTheDecisionWhenTheSinkAppliesIt() {
        Hold applied = held.decided(HoldState.REJECTED, "console", HELD_AT.plusSeconds(5))
                .applied(HoldState.CANCELLED, "cancelled in P21");

        assertThat(applied.state()).isEqualTo(HoldState.CANCELLED);
        assertThat(applied.decidedBy()).isEqualTo("console");
        assertThat(applied.note()).isEqualTo("cancelled in P21");
        assertThat(applied.state().isDecision()).isFalse();
        assertThat(HoldState.REJECTED.isDecision()).isTrue();
    }

    @Test
    void shouldNameWhatIsWrongWithAValueItCannotRead() {
        assertThatThrownBy(() -> Hold.fromJson("not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Hold.fromJson("{\"orderKey\":\"xcart:1\",\"state\":\"paused\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("hold state 'paused' is unknown");
    }
}
