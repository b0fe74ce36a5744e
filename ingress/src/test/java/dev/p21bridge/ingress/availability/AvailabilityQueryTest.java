package dev.p21bridge.ingress.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AvailabilityQueryTest {

    @Test
    void shouldKeepTheAskedOrderAndAnswerARepeatedSkuOnce() {
        AvailabilityQuery query = AvailabilityQuery.parse(Map.of("sku", List.of("B", "A", "B"),
                "location", List.of("10")));

        assertThat(query.skus()).containsExactly("B", "A");
        assertThat(query.locations()).containsExactly("10");
    }

    @Test
    void shouldRefuseMoreSkusThanTheLimitNamingIt() {
        List<String> skus = IntStream.rangeClosed(1, AvailabilityQuery.MAX_SKUS + 1).mapToObj(i -> "S" + i).toList();

        assertThatThrownBy(() -> AvailabilityQuery.parse(Map.of("sku", skus)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100 per call")
                .hasMessageContaining("101 asked");
        assertThat(AvailabilityQuery.parse(Map.of("sku", skus.subList(0, 100))).skus()).hasSize(100);
    }

    @Test
    void shouldRefuseAQueryWithoutSkusOrWithBlankOrOverlongValues() {
        assertThatThrownBy(() -> AvailabilityQuery.parse(Map.of())).hasMessageContaining("at least one SKU");
        assertThatThrownBy(() -> AvailabilityQuery.parse(Map.of("sku", List.of(" "))))
                .hasMessageContaining("blank sku");
        assertThatThrownBy(() -> AvailabilityQuery.parse(Map.of("sku", List.of("x".repeat(256)))))
                .hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> AvailabilityQuery.parse(Map.of("sku", List.of("A"), "location",
                IntStream.range(0, 21).mapToObj(Integer::toString).toList()))).hasMessageContaining("at most 20");
    }
}
