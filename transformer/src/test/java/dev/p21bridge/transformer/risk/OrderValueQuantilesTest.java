package dev.p21bridge.transformer.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderValueQuantilesTest {

    @Test
    void shouldReadAQuantileWithinItsBucket() {
        OrderValueQuantiles values = OrderValueQuantiles.empty();
        for (int i = 1; i <= 100; i++) {
            values.add(BigDecimal.valueOf(i * 10L));
        }
        assertThat(values.count()).isEqualTo(100);
        // the 95th of 10..1000 is 950; a bucket is 12 % wide
        assertThat(values.quantile(0.95)).isBetween(new BigDecimal("950"), new BigDecimal("1070"));
        assertThat(values.quantile(0.5)).isBetween(new BigDecimal("500"), new BigDecimal("565"));
    }

    @Test
    void shouldHalveItsCountsSoItFollowsWhatTheStoreSellsNow() {
        OrderValueQuantiles values = OrderValueQuantiles.empty();
        for (int i = 0; i < OrderValueQuantiles.DECAY_AT; i++) {
            values.add(BigDecimal.TEN);
        }
        assertThat(values.count()).isEqualTo(OrderValueQuantiles.DECAY_AT / 2);
        assertThat(OrderValueQuantiles.empty().quantile(0.95)).isEqualByComparingTo(BigDecimal.ZERO);
    }
}
