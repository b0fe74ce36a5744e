package dev.p21bridge.transformer.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.transformer.normalize.MappingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A template that recurses without end or loops forever fails its record instead of stalling the stream. */
class EvaluationBoundsTest {

    @Test
    void shouldFailATemplateThatRecursesWithoutEnd() {
        Template template = Template.compile("orders/xcart.jsonata",
                "($deeper := function($n) { 1 + $deeper($n + 1) }; $deeper(0))", LookupTables.none());

        assertThatThrownBy(() -> template.evaluate(Map.of()))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("orders/xcart.jsonata")
                .hasMessageContaining("Stack overflow error");
    }

    @Test
    void shouldFailATemplateThatLoopsForeverOnceItsTimeIsUp() {
        // a tail call: the stack does not grow, only the clock stops it
        Template template = Template.compile("orders/xcart.jsonata",
                "($loop := function($n) { $loop($n + 1) }; $loop(0))", LookupTables.none());

        long start = System.nanoTime();
        assertThatThrownBy(() -> template.evaluate(Map.of()))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Expression evaluation timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_900L, 10_000L);
    }

    @Test
    void shouldMapWithinTheBoundsAgainAfterARecordThatFailedThem() {
        Template runaway = Template.compile("rules/runaway.jsonata",
                "($deeper := function($n) { 1 + $deeper($n + 1) }; $deeper(0))", LookupTables.none());
        Template fine = Template.compile("orders/xcart.jsonata", "{\"id\": id}", LookupTables.none());

        assertThatThrownBy(() -> runaway.evaluate(Map.of())).isInstanceOf(MappingException.class);

        assertThat(fine.evaluate(Map.of("id", "A-1"))).isEqualTo(Map.of("id", "A-1"));
    }
}
