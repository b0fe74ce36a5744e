package dev.p21bridge.ingress.p21;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class P21ChangeQueryTest {

    private static final Instant SINCE = Instant.parse("2026-11-22T17:03:11.123Z");

    @Test
    void shouldAskTheFirstPageForRowsModifiedAtOrAfterTheWindowStartAsAnIsoInstantLiteral() {
        P21ChangeQuery query = P21ChangeQuery.first(P21Table.INVENTORY, SINCE, 500);

        assertThat(query.filter()).isEqualTo("date_last_modified ge 2026-11-22T17:03:11.123Z");
    }

    @Test
    void shouldRoundTheWindowStartDownToWholeMilliseconds() {
        P21ChangeQuery query = P21ChangeQuery.first(P21Table.INVENTORY, Instant.parse("2026-11-22T17:03:11.123999Z"), 1);

        assertThat(query.filter()).isEqualTo("date_last_modified ge 2026-11-22T17:03:11.123Z");
    }

    @Test
    void shouldWriteMillisecondsEvenForAWholeSecondAndKeepFinerDigitsWhenTheInstantHasThem() {
        assertThat(P21ChangeQuery.instantLiteral(Instant.parse("1970-01-01T00:00:00Z")))
                .isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(P21ChangeQuery.instantLiteral(Instant.parse("2026-11-22T17:03:11.120Z")))
                .isEqualTo("2026-11-22T17:03:11.120Z");
        assertThat(P21ChangeQuery.instantLiteral(Instant.parse("2026-11-22T17:03:11.123456Z")))
                .isEqualTo("2026-11-22T17:03:11.123456Z");
    }

    @Test
    void shouldOrderByTheChangeTimeThenByEveryKeyColumn() {
        assertThat(P21ChangeQuery.first(P21Table.INVENTORY, SINCE, 500).orderBy())
                .isEqualTo("date_last_modified asc,item_id asc,location_id asc");
        assertThat(P21ChangeQuery.first(P21Table.SHIPMENTS, SINCE, 500).orderBy())
                .isEqualTo("date_last_modified asc,pick_ticket_no asc");
    }

    @Test
    void shouldStartTheNextPageStrictlyAfterTheLastRowReadByTimeThenByKey() {
        ObjectNode last = JsonNodeFactory.instance.objectNode().put("item_id", "HX-4410").put("location_id", 10)
                .put("date_last_modified", "2026-11-22T17:03:12.500Z");

        P21ChangeQuery next = P21ChangeQuery.first(P21Table.INVENTORY, SINCE, 500).next(last);

        assertThat(next.filter()).isEqualTo("date_last_modified gt 2026-11-22T17:03:12.500Z"
                + " or (date_last_modified eq 2026-11-22T17:03:12.500Z"
                + " and (item_id gt 'HX-4410' or (item_id eq 'HX-4410' and location_id gt 10)))");
    }

    @Test
    void shouldCompareASingleNumericKeyBare() {
        ObjectNode last = JsonNodeFactory.instance.objectNode().put("pick_ticket_no", 5001)
                .put("date_last_modified", "2026-11-22T17:03:12Z");

        assertThat(P21ChangeQuery.first(P21Table.SHIPMENTS, SINCE, 50).next(last).filter())
                .isEqualTo("date_last_modified gt 2026-11-22T17:03:12.000Z"
                        + " or (date_last_modified eq 2026-11-22T17:03:12.000Z and pick_ticket_no gt 5001)");
    }

    @Test
    void shouldDoubleAQuoteInsideATextLiteral() {
        assertThat(P21ChangeQuery.literal(JsonNodeFactory.instance.textNode("O'BRIEN-1"))).isEqualTo("'O''BRIEN-1'");
        assertThat(P21ChangeQuery.literal(JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("12.5000"))))
                .isEqualTo("12.5000");
    }

    @Test
    void shouldSendFilterOrderAndPageSizeAsQueryOptionsInThatOrder() {
        Map<String, String> options = P21ChangeQuery.first(P21Table.CUSTOMERS, SINCE, 250).options();

        assertThat(options).containsExactly(
                Map.entry("$filter", "date_last_modified ge 2026-11-22T17:03:11.123Z"),
                Map.entry("$orderby", "date_last_modified asc,customer_id asc"),
                Map.entry("$top", "250"));
    }
}
