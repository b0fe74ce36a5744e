package dev.p21bridge.app.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What one index key holds: each record once, oldest first, and no more than its bounds. */
class IndexValueTest {

    @Test
    void shouldKeepARecordIndexedTwiceOnceAndInTimeOrder() {
        TraceEntry later = new TraceEntry("canonical.orders", 2, 7, 2_000, "order", "created");
        TraceEntry earlier = new TraceEntry("raw.xcart", 1, 3, 1_000, "webhook", "order.created");
        IndexValue value = IndexValue.empty().withEntry(later).withEntry(earlier).withEntry(later);

        assertThat(value.entries()).containsExactly(earlier, later);
        assertThat(value.lastSeen()).isEqualTo(2_000);
        assertThat(IndexValue.fromJson(value.toJson())).isEqualTo(value);
    }

    @Test
    void shouldKeepTheNewestOrdersOfAnEmailWithinItsBound() {
        IndexValue value = IndexValue.empty();
        for (int order = 0; order < IndexValue.MAX_ORDERS + 5; order++) {
            value = value.withOrder("xcart:" + order, order);
        }
        assertThat(value.orders()).hasSize(IndexValue.MAX_ORDERS).startsWith("xcart:5").endsWith("xcart:204");
    }

    @Test
    void shouldTellQueriesApartByShapeAndNameWhatIsWrong() {
        assertThat(TraceQuery.parse(" xcart:10452 ").kind()).isEqualTo(TraceQuery.Kind.ORDER_KEY);
        assertThat(TraceQuery.parse("dana@example.com").kind()).isEqualTo(TraceQuery.Kind.EMAIL);
        assertThat(TraceQuery.parse("1000123").kind()).isEqualTo(TraceQuery.Kind.P21_ORDER_NO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceQuery.parse("dana@"))
                .hasMessageContaining("not an e-mail address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceQuery.parse("hello world"))
                .hasMessageContaining("none of an order key");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceQuery.parse(""))
                .hasMessageContaining("q is required");
    }
}
