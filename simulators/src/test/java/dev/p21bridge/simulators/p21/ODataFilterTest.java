package dev.p21bridge.simulators.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ODataFilterTest {

    private static final List<String> COLUMNS = List.of("item_id", "location_id", "qty_on_hand", "item_desc",
            "date_last_modified", "ship2_add2");

    private static final Map<String, Object> ROW = row();

    private static Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        row.put("item_id", "HX-4410");
        row.put("location_id", 10L);
        row.put("qty_on_hand", new BigDecimal("4995.50"));
        row.put("item_desc", "Hex bolt 3/8 x 2 in, O'Brien's zinc");
        row.put("date_last_modified", Instant.parse("2026-11-20T10:00:00.123Z"));
        row.put("ship2_add2", null);
        return row;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "item_id eq 'HX-4410'                                   | true",
        "item_id eq 'hx-4410'                                   | true",
        "item_id ne 'HX-4410'                                   | false",
        "location_id eq 10                                      | true",
        "location_id eq '10'                                    | true",
        "qty_on_hand gt 4995.5                                  | false",
        "qty_on_hand ge 4995.5                                  | true",
        "qty_on_hand lt 4995.51                                 | true",
        "qty_on_hand le 4995.49                                 | false",
        "qty_on_hand eq 4995.5M                                 | true",
        "location_id gt 9 and location_id lt 11                 | true",
        "location_id eq 20 or item_id eq 'HX-4410'              | true",
        "not (location_id eq 20)                                | true",
        "not location_id eq 10                                  | false",
        "location_id eq 20 and (item_id eq 'X' or qty_on_hand gt 0) | false",
        "(location_id eq 20 or location_id eq 10) and qty_on_hand gt 0 | true",
        "location_id eq 20 or location_id eq 10 and item_id eq 'X' | false",
        "date_last_modified gt 2026-11-20T10:00:00Z             | true",
        "date_last_modified gt 2026-11-20T10:00:00.123Z         | false",
        "date_last_modified ge 2026-11-20T10:00:00.123Z         | true",
        "date_last_modified lt 2026-11-20T11:00:00+01:00        | false",
        "date_last_modified gt '2026-11-20T09:59:59Z'           | true",
        "date_last_modified gt datetime'2026-11-20T09:00:00'    | true",
        "date_last_modified lt 2026-11-21                       | true",
        "item_desc eq 'Hex bolt 3/8 x 2 in, O''Brien''s zinc'   | true",
        "contains(item_desc,'o''brien')                         | true",
        "startswith(item_id,'HX-')                              | true",
        "endswith(item_id,'4410')                               | true",
        "substringof('bolt', item_desc)                         | true",
        "tolower(item_id) eq 'hx-4410'                          | true",
        "length(item_id) eq 7                                   | true",
        "ship2_add2 eq null                                     | true",
        "ship2_add2 ne null                                     | false",
        "item_id ne null                                        | true",
        "ship2_add2 gt 'A'                                      | false",
        "location_id in (20, 10)                                | true",
        "item_id in ('A', 'B')                                  | false",
        "startswith(item_id,'HX') eq true                       | true",
        "true                                                   | true",
    })
    void shouldEvaluateTheFilterAgainstARow(String filter, boolean expected) {
        assertThat(ODataFilter.parse(filter, COLUMNS).test(ROW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "item_id eq 'HX-4410'                                   | item_id=HX-4410",
        "'HX-4410' eq item_id and location_id eq 10            | item_id=HX-4410",
        "(item_id eq 'A' and ship2_add2 eq 'B') and true        | item_id=A;ship2_add2=B",
        "item_id eq 'A' or ship2_add2 eq 'B'                    | ''",
        "item_id eq 'A' or item_id eq 'B' or 'C' eq item_id     | item_id=A,B,C",
        "(item_id eq 'A' and ship2_add2 eq 'X') or item_id eq 'B' | item_id=A,B",
        "(item_id eq 'A' or item_id eq 'B') and item_id eq 'B'  | item_id=B",
        "item_id eq 'A' and item_id eq 'a'                      | item_id=A",
        "item_id eq 'A' or location_id eq 10                    | ''",
        "not (item_id eq 'A')                                   | ''",
        "item_id ne 'A'                                         | ''",
        "tolower(item_id) eq 'a'                                | ''",
        "location_id eq 10                                      | ''",
    })
    void shouldNameOnlyTheTextEqualitiesEveryMatchingRowSatisfies(String filter, String expected) {
        Map<String, java.util.Set<String>> equalities = new java.util.TreeMap<>(ODataFilter.parse(filter, COLUMNS).equalities());
        String rendered = String.join(";", equalities.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.join(",", new java.util.TreeSet<>(e.getValue()))).toList());
        assertThat(rendered).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "item_id eq",
        "item_id eq 'unterminated",
        "no_such_column eq 1",
        "item_id",
        "item_id eq 'a' and",
        "(item_id eq 'a'",
        "item_id eq 'a')",
        "item_id equals 'a'",
        "location_id eq 1 and 2",
        "now() gt date_last_modified",
        "date_last_modified gt 2026-13-45T10:00:00Z",
        "item_id eq 'a' $ 1",
    })
    void shouldRefuseAMalformedFilterAsA400(String filter) {
        assertThatThrownBy(() -> ODataFilter.parse(filter, COLUMNS))
                .isInstanceOfSatisfying(ODataException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("Invalid filter expression");
                });
    }
}
