package dev.p21bridge.transformer.mapping.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every draft guarantees, whatever the sample: a message for an unusable one, bounded confidences, a template. */
class MappingSuggesterTest {

    private static final List<String> SAMPLES = List.of("shopify-order.json", "woocommerce-order.json",
            "magento-order.json", "xcart-order.json");
    private final MappingSuggester suggester = new MappingSuggester();

    @Test
    void shouldRefuseAPayloadThatIsNoObject() {
        assertThatThrownBy(() -> suggester.suggest("acme", MappingSuggester.parse("[{\"id\": 1}]")))
                .isInstanceOf(UnsuitablePayloadException.class)
                .hasMessage("the payload is a JSON array, not an order object: a mapping is drafted from one order as"
                        + " a JSON object");
    }

    @Test
    void shouldRefuseAPayloadWithoutLines() {
        assertThatThrownBy(() -> suggester.suggest("acme", MappingSuggester.parse("{\"id\": 1, \"total\": 5}")))
                .isInstanceOf(UnsuitablePayloadException.class)
                .hasMessage("no array of order lines: the payload has no array of objects");
        assertThatThrownBy(() -> suggester.suggest("acme", MappingSuggester.parse(
                "{\"id\": 1, \"notes\": [{\"text\": \"call first\"}]}")))
                .isInstanceOf(UnsuitablePayloadException.class)
                .hasMessage("no array of order lines: no array of objects holds quantity- and price-like fields"
                        + " (looked at notes)");
    }

    @Test
    void shouldRefuseTextThatIsNoJsonNamingWhere() {
        assertThatThrownBy(() -> MappingSuggester.parse("{\"id\": 1,\n \"total\": }"))
                .isInstanceOf(UnsuitablePayloadException.class)
                .hasMessageStartingWith("not JSON: ").hasMessageContaining("line 2");
        assertThatThrownBy(() -> MappingSuggester.parse("  "))
                .isInstanceOf(UnsuitablePayloadException.class).hasMessage("not JSON: the file is empty");
    }

    @Test
    void shouldKeepEveryConfidenceBetweenZeroAndCertaintyLessAMargin() throws IOException {
        for (String sample : SAMPLES) {
            MappingSuggestion suggestion = suggest(sample);
            assertThat(suggestion.fields()).as(sample).hasSameSizeAs(FieldCatalog.targets()).allSatisfy(field -> {
                assertThat(field.confidence()).as(field.target()).isBetween(0.0, MappingSuggester.CAP);
                assertThat(field.evidence()).as(field.target()).isNotEmpty();
                if (!field.found()) {
                    assertThat(field.confidence()).as(field.target()).isZero();
                    assertThat(field.evidence().get(0)).isEqualTo("no candidate");
                }
            });
        }
    }

    @Test
    void shouldDraftATemplateWithBalancedBracketsAndEveryRequiredKey() throws IOException {
        for (String sample : SAMPLES) {
            String template = suggest(sample).template();
            assertBalanced(sample, template);
            for (Target target : FieldCatalog.targets()) {
                if (target.required()) {
                    assertThat(template).as(sample).contains("\"" + target.leaf() + "\":");
                }
            }
        }
    }

    @Test
    void shouldWriteNullForARequiredTargetNothingWasFoundFor() {
        MappingSuggestion suggestion = suggester.suggest("acme", MappingSuggester.parse("""
                {"id": 1, "items": [{"sku": "A", "qty": 1, "price": "2.00"}]}
                """));

        assertThat(suggestion.field("customer.email").orElseThrow().found()).isFalse();
        assertThat(suggestion.template()).contains("/* confidence 0: no candidate; required, fill in before use */\n"
                + "    \"email\": null");
        assertBalanced("minimal", suggestion.template());
    }

    /** Names JSONata cannot read bare, and a name that would end a comment early. */
    @Test
    void shouldQuoteOddFieldNamesAndKeepCommentsClosed() {
        MappingSuggestion suggestion = suggester.suggest("acme", MappingSuggester.parse("""
                {"order-id": "A-1", "created_at": "2026-11-20T09:03:11Z", "e-mail */ x": "a@example.com",
                 "line items": [{"sku": "A", "quantity": 1, "unit price": "2.00"}]}
                """));

        assertThat(suggestion.template()).contains("\"orderId\": `order-id`")
                .contains("\"lines\": `line items`[].{")
                .contains("\"unitPrice\": $money(`unit price`)")
                .doesNotContain("~ 'e-mail */");
        assertBalanced("odd names", suggestion.template());
    }

    /** Samples are real customers' orders: the draft names fields and shapes, never their values. */
    @Test
    void shouldNotRepeatPersonalDataInTheEvidence() throws IOException {
        for (String sample : SAMPLES) {
            MappingSuggestion suggestion = suggest(sample);
            for (String personal : List.of("Whitfield", "dana", "Lamar", "555 0142", "78703")) {
                assertThat(suggestion.template()).as(sample).doesNotContainIgnoringCase(personal);
                assertThat(suggestion.fields()).as(sample).allSatisfy(field ->
                        assertThat(String.join(" ", field.evidence())).doesNotContainIgnoringCase(personal));
            }
        }
    }

    /** Three twins of quantity and of price per line: every combination is tried, each line summed once per pair. */
    @Test
    @Timeout(30)
    void shouldDraftAnOrderOfThousandsOfLinesInReasonableTime() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\": \"S-").append(i).append("\", \"qty\": 2, \"qty_ordered\": 2,"
                    + " \"quantity\": 2, \"price\": 1.5, \"base_price\": 1.5, \"original_price\": 1.5}");
        }
        MappingSuggestion suggestion = suggester.suggest("acme", MappingSuggester.parse("{\"id\": 1,"
                + " \"subtotal\": 15000, \"tax\": 0, \"shipping\": 0, \"total\": 15000, \"items\": [" + lines + "]}"));

        assertThat(suggestion.field("totals.subtotal").orElseThrow().evidence())
                .contains("arithmetic: sum of quantity x unitPrice over 5000 line(s) = 15000.00 = subtotal 15000.00");
    }

    private MappingSuggestion suggest(String sample) throws IOException {
        return suggester.suggest("foreign", MappingSuggester.parse(SuggestForeignPlatformsTest.read(sample)));
    }

    /** Brackets outside comments, strings and backticked names pair up, and every comment is closed. */
    private static void assertBalanced(String sample, String template) {
        Map<Character, Character> pairs = Map.of(')', '(', ']', '[', '}', '{');
        Deque<Character> open = new ArrayDeque<>();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '/' && i + 1 < template.length() && template.charAt(i + 1) == '*') {
                int end = template.indexOf("*/", i + 2);
                assertThat(end).as("%s: comment at %d is closed", sample, i).isPositive();
                i = end + 1;
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = i + 1;
                while (template.charAt(end) != c) {
                    end += template.charAt(end) == '\\' ? 2 : 1;
                }
                i = end;
            } else if ("([{".indexOf(c) >= 0) {
                open.push(c);
            } else if (pairs.containsKey(c)) {
                assertThat(open.poll()).as("%s: '%s' at %d closes", sample, c, i).isEqualTo(pairs.get(c));
            }
        }
        assertThat(open).as("%s: unclosed brackets", sample).isEmpty();
    }
}
