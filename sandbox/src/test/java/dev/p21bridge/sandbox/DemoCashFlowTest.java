package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.simulators.clarity.ClaritySimulator;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoCashFlowTest {

    private static final DemoCashFlow.Settings FAST = new DemoCashFlow.Settings(Duration.ofMillis(10), Duration.ZERO,
            10, 5, 21);

    @Test
    void shouldReturnAboutOneInvoicedOrderInTenAndTheSameOnesForTheSameSeed() {
        DemoCashFlow flow = new DemoCashFlow(null, Map.of(), DemoCashFlow.Settings.defaults(), Clock.systemUTC());
        DemoCashFlow again = new DemoCashFlow(null, Map.of(), DemoCashFlow.Settings.defaults(), Clock.systemUTC());

        long returned = IntStream.range(0, 10_000).filter(n -> flow.returns("xcart:" + (20_001 + n))).count();

        assertThat(returned).isBetween(800L, 1_200L);
        assertThat(IntStream.range(0, 1_000).mapToObj(n -> "clarity:CL-2026-" + n))
                .allMatch(key -> flow.returns(key) == again.returns(key));
    }

    @Test
    void shouldDoNothingWhenP21HasNoStorefrontOrders() {
        try (P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start();
             XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                     .withWebhookUrl(null));
             ClaritySimulator clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                     .withWebhookUrl(null))) {
            DemoCashFlow flow = new DemoCashFlow(p21, Map.of("xcart", xcart, "clarity", clarity), FAST,
                    Clock.systemUTC());

            assertThat(flow.tick().idle()).isTrue();
            assertThat(p21.invoices()).isEmpty();
        }
    }

    @Test
    void shouldKeepTickingWhenP21FailsAndStopWhenClosed() throws InterruptedException {
        P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0));
        // never started: every look at P21 fails, as when it is unreachable
        DemoCashFlow flow = new DemoCashFlow(p21, Map.of(), FAST, Clock.systemUTC()).start();
        Thread.sleep(100);
        assertThat(demoThreads()).isOne();

        flow.close();

        assertThat(demoThreads()).isZero();
        flow.close();
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> new DemoCashFlow.Settings(Duration.ZERO, Duration.ZERO, 10, 5, 1))
                .hasMessageContaining("tick");
        assertThatThrownBy(() -> new DemoCashFlow.Settings(Duration.ofSeconds(1), Duration.ZERO, 101, 5, 1))
                .hasMessageContaining("returnPercent");
        assertThatThrownBy(() -> new DemoCashFlow.Settings(Duration.ofSeconds(1), Duration.ZERO, 10, 0, 1))
                .hasMessageContaining("maxPerStep");
    }

    private static long demoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("demo-cash-flow") && t.isAlive()).count();
    }
}
