package dev.p21bridge.transformer.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.RiskAction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The risk rules an operator writes are checked when the set compiles, with a message naming the setting. */
class RiskRulesTest {

    @Test
    void shouldReadTheBundledRules() {
        RiskRules rules = RiskRules.bundled();

        assertThat(rules.hold()).isEqualTo(50);
        assertThat(rules.reject()).isEmpty();
        assertThat(rules.windows().recent()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rules.signals().keySet()).containsExactlyInAnyOrderElementsOf(RiskRules.KNOWN.keySet());
        assertThat(rules.signal("blocked-email").orElseThrow().action()).isEqualTo(RiskAction.REJECT);
        assertThat(rules.listed(RiskRules.DISPOSABLE_DOMAINS, "mailinator.com")).isTrue();
        assertThat(rules.listed(RiskRules.DISPOSABLE_DOMAINS, "example.com")).isFalse();
    }

    @Test
    void shouldNameAnUnknownSignal() {
        assertThatThrownBy(() -> parse("{\"hold\": 50, \"signals\": {\"velocity\": {\"points\": 10}}}"))
                .isInstanceOf(MappingSetException.class)
                .hasMessageContaining("risk/rules.json")
                .hasMessageContaining("signals.velocity is not a signal the transformer computes")
                .hasMessageContaining("cards-per-ip");
    }

    @Test
    void shouldNameAnUnknownSettingOfASignal() {
        assertThatThrownBy(() -> parse("{\"hold\": 50, \"signals\": {\"cards-per-ip\": {\"points\": 10, \"day\": 3}}}"))
                .hasMessageContaining("signals.cards-per-ip.day is not a setting of cards-per-ip (it takes points, action, recent)");
    }

    @Test
    void shouldRefusePointsOutOfRangeAThresholdBelowHoldAndBadWindows() {
        assertThatThrownBy(() -> parse("{\"hold\": 50, \"signals\": {\"store-flag\": {\"points\": 150}}}"))
                .hasMessageContaining("signals.store-flag.points must be a whole number from 0 to 100, got 150");
        assertThatThrownBy(() -> parse("{\"hold\": 50, \"reject\": 40, \"signals\": {}}"))
                .hasMessageContaining("reject (40) must not be below hold (50)");
        assertThatThrownBy(() -> parse("{\"hold\": 50, \"windows\": {\"recent\": \"ten minutes\"}, \"signals\": {}}"))
                .hasMessageContaining("windows.recent must be an ISO-8601 duration such as PT10M or P1D");
        assertThatThrownBy(() -> parse("{\"hold\": 50, \"windows\": {\"recent\": \"P2D\"}, \"signals\": {}}"))
                .hasMessageContaining("windows must satisfy recent <= day <= history");
        assertThatThrownBy(() -> parse("{\"hold\": 50, \"signals\": {\"store-flag\": {\"points\": 10, \"action\": \"block\"}}}"))
                .hasMessageContaining("signals.store-flag.action must be \"pass\", \"hold\" or \"reject\"");
        assertThatThrownBy(() -> parse("not json"))
                .hasMessageContaining("is not JSON");
    }

    @Test
    void shouldRefuseASetWhoseRulesDoNotParseWhenItCompiles() {
        java.util.SortedMap<String, String> files = new java.util.TreeMap<>(MappingSet.bundled().files());
        files.put(RiskRules.FILE, "{\"hold\": \"high\", \"signals\": {}}");

        assertThatThrownBy(() -> CompiledMappingSet.compile(new MappingSet(0, null, files)))
                .hasMessageContaining("hold must be a whole number from 0 to 100");
    }

    private static RiskRules parse(String text) {
        return RiskRules.parse(text, LookupTables.none());
    }
}
