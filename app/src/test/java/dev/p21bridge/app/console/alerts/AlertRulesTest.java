package dev.p21bridge.app.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules file: the shipped defaults load, and each mistake an operator can make is named with its place. */
class AlertRulesTest {

    private final AlertRules rules = new AlertRules(AlertExports.FLOWS, Set.of("transformer", "p21-sink",
            "storefront-sink"));

    @Test
    void shouldLoadTheShippedDefaults() {
        List<AlertRule> defaults = rules.load(null);
        assertThat(defaults).extracting(AlertRule::kind).contains(AlertKind.DEAD_LETTERS, AlertKind.CIRCUIT_OPEN,
                AlertKind.CONSUMER_LAG, AlertKind.P21_POLLER_FAILING, AlertKind.RECONCILIATION_DIFFERENCE);
        assertThat(defaults).filteredOn(rule -> rule.name().equals("p21-circuit-open")).singleElement()
                .satisfies(rule -> assertThat(rule.holdFor()).isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void shouldReadANoOrdersRuleWithTheMerchantsHours() {
        AlertRule rule = rules.parse("""
                {"rules": [{"name": "quiet", "kind": "no-orders", "target": "p21-orders", "for": "30m",
                  "hours": {"zone": "Europe/Berlin", "days": "MON-SAT", "from": "08:00", "to": "20:00"}}]}""",
                "alerts.json").get(0);
        assertThat(rule.hours().text()).isEqualTo("Mon, Tue, Wed, Thu, Fri, Sat 08:00-20:00 Europe/Berlin");
        assertThat(rule.holdForText()).isEqualTo("30m");
    }

    @Test
    void shouldNameTheFileTheRuleAndTheProblem() {
        assertProblem("{\"rules\": [{\"name\": \"x\", \"kind\": \"disk-full\"}]}",
                "alerts.json: rule 1 (x): kind 'disk-full' is unknown");
        assertProblem("{\"rules\": [{\"name\": \"x\", \"kind\": \"consumer-lag\", \"target\": \"p21\"}]}",
                "target 'p21' is not a flow");
        assertProblem("{\"rules\": [{\"name\": \"x\", \"kind\": \"circuit-open\"}]}",
                "kind circuit-open needs a target (service)");
        assertProblem("{\"rules\": [{\"name\": \"x\", \"kind\": \"no-orders\", \"target\": \"p21-orders\"}]}",
                "kind no-orders needs hours");
        assertProblem("""
                {"rules": [{"name": "x", "kind": "no-orders", "target": "p21-orders",
                  "hours": {"zone": "Mars/Olympus", "days": "MON", "from": "08:00", "to": "20:00"}}]}""",
                "hours.zone 'Mars/Olympus' is not a time zone");
        assertProblem("{\"rules\": [{\"name\": \"x\", \"kind\": \"p21-poller-failing\", \"for\": \"ten minutes\"}]}",
                "for 'ten minutes'");
        assertProblem("{\"rules\": [{\"name\": \"x\", \"kind\": \"p21-poller-failing\", \"treshold\": 3}]}",
                "field 'treshold' is unknown");
        assertProblem("{\"rules\": [{\"name\": \"x\", \"kind\": \"p21-poller-failing\"},"
                + " {\"name\": \"x\", \"kind\": \"p21-poller-failing\"}]}", "rule 2 (x): name is used by an earlier rule");
        assertProblem("{\"rule\": []}", "must be an object with an array \"rules\"");
        assertProblem("{\"rules\": [", "alerts.json is not JSON");
    }

    private void assertProblem(String json, String message) {
        assertThatThrownBy(() -> rules.parse(json, "alerts.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
