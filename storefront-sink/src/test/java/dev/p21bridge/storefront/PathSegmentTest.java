package dev.p21bridge.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final StubXCart xcart = new StubXCart();
    private final StubClarity clarity = new StubClarity();

    @AfterEach
    void tearDown() {
        xcart.close();
        clarity.close();
    }

    @Test
    void okHttpDropsADotSegmentAndADotDotSegmentTakesTheOneBeforeAway() {
        HttpUrl base = HttpUrl.get("http://store/api/orders/");

        assertThat(base.newBuilder().addPathSegment("..").addPathSegment("x").build().encodedPath())
                .isEqualTo("/api/x");
        assertThat(base.newBuilder().addPathSegment(".").build().encodedPath()).isEqualTo("/api/orders/");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "", " ", "a\u0000b", "line\nbreak", "tab\there", "\u007f"})
    void aValueThatCannotBeOneSafePathSegmentIsRefused(String value) {
        assertThatThrownBy(() -> PathSegment.of("order id", value)).isInstanceOf(RefusedValue.class)
                .hasMessageStartingWith("order id ");
    }

    @Test
    void anOverLongValueIsRefusedAndEchoedOnlyInPart() {
        String value = "A".repeat(5_000);

        assertThatThrownBy(() -> PathSegment.of("SKU", value)).isInstanceOf(RefusedValue.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("5000 characters").hasSizeLessThan(300));
    }

    @Test
    void aSlashOrAQuestionMarkStaysInsideItsOneSegment() {
        assertThat(PathSegment.of("order id", "a/../b?c")).isEqualTo("a/../b?c");
    }

    @Test
    void xCartNeverSendsAShipmentOfOrderIdDotDotToAnotherPath() {
        XCartClient client = ClientFixtures.xcart(xcart, new SimpleMeterRegistry(), clock);

        assertThatThrownBy(() -> client.ship("..", "UPS", List.of("1Z"))).isInstanceOf(RefusedValue.class);

        assertThat(xcart.calls(c -> true)).isEmpty();
    }

    @Test
    void clarityNeverSendsAStockWriteOfSkuDotDotToAnotherPath() {
        ClarityClient client = ClientFixtures.clarity(clarity, new SimpleMeterRegistry(), clock);

        assertThatThrownBy(() -> client.setStock("..", 4)).isInstanceOf(RefusedValue.class);

        assertThat(clarity.calls(c -> true)).isEmpty();
    }
}
