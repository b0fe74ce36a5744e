package dev.p21bridge.transformer.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A stream thread maps event after event with the same compiled set for days. JSONata-java evaluates every expression
 * of a thread on one per-thread instance; 0.9.9 left the last evaluation's frame on it, and an expression evaluated in
 * a row without runtime bounds chained each evaluation onto the last (a stack overflow after about 20,000). The bridge
 * evaluates with bounds and on 0.9.10, which restores the frame; this holds a run of 60,000 events of the template
 * compiled last (the bundled set compiles {@code returns/xcart.jsonata} last: a burst of X-Cart returns).
 */
class RepeatedEvaluationTest {

    private static final int EVENTS = 60_000;

    @Test
    void shouldMapARunOfEventsOfTheTemplateCompiledLastWithoutTheThreadRunningOutOfStack() throws IOException {
        TemplateMapper mapper = new TemplateMapper(CompiledMappingSet.compile(MappingSet.bundled()),
                SkuCrossReference.none(), new P21Defaults("10", "10", "WEB", 1));
        RawEvent returned = DefaultMappingTest.event(Source.XCART, "return.created",
                DefaultMappingTest.sample("xcart/return.created.json"));

        int mapped = 0;
        for (int i = 0; i < EVENTS; i++) {
            mapped += mapper.returnRequest(returned).getLines().size();
        }

        assertThat(mapped).isEqualTo(EVENTS);
    }
}
