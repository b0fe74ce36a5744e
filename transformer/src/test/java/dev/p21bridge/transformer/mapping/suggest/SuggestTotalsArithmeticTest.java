package dev.p21bridge.transformer.mapping.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The sums decide between amounts the names cannot tell apart: the subtotal the lines add up to, the total that
 * subtotal, tax, shipping and discount make.
 */
class SuggestTotalsArithmeticTest {

    /** A subtotal after discounts (Shopify's subtotal_price) is named better but is not the lines' sum. */
    @Test
    void shouldTakeTheSubtotalTheLinesAddUpToOverABetterNamedOneAfterDiscounts() {
        MappingSuggestion suggestion = suggest("""
                {"id": 7, "created_at": "2026-11-20T09:03:11Z", "email": "a@example.com", "currency": "EUR",
                 "subtotal": "90.00", "items_total": "100.00", "discount": "10.00", "tax": "18.00",
                 "shipping": "5.00", "total": "113.00",
                 "items": [{"sku": "A-1", "qty": 2, "price": "20.00"}, {"sku": "B-2", "qty": 3, "price": "20.00"}]}
                """);

        FieldSuggestion subtotal = suggestion.field("totals.subtotal").orElseThrow();
        assertThat(subtotal.sourcePath()).isEqualTo("items_total");
        assertThat(subtotal.evidence()).anySatisfy(e -> assertThat(e).contains("chose it over 'subtotal'"));
        assertThat(subtotal.evidence()).anySatisfy(e -> assertThat(e)
                .isEqualTo("arithmetic: subtotal 100.00 + tax 18.00 + shipping 5.00 - discount 10.00 = 113.00 = total 113.00"));
        assertThat(suggestion.field("totals.discount").orElseThrow().sourcePath()).isEqualTo("discount");
    }

    @Test
    void shouldLowerTheConfidenceOfTotalsThatDoNotBalance() {
        String balanced = """
                {"id": 7, "created_at": "2026-11-20T09:03:11Z", "email": "a@example.com", "currency": "EUR",
                 "subtotal": "100.00", "tax": "18.00", "total": "118.00",
                 "items": [{"sku": "A-1", "qty": 5, "price": "20.00"}]}
                """;
        double trusted = suggest(balanced).field("totals.total").orElseThrow().confidence();
        MappingSuggestion off = suggest(balanced.replace("\"118.00\"", "\"125.00\""));

        FieldSuggestion total = off.field("totals.total").orElseThrow();
        assertThat(total.sourcePath()).isEqualTo("total");
        assertThat(total.confidence()).isLessThan(trusted);
        assertThat(total.evidence()).anySatisfy(e -> assertThat(e).contains("<> total 125.00"));
    }

    /** Magento sends the discount negative; the mapped order wants it positive. */
    @Test
    void shouldDraftANegativeDiscountAsItsAbsoluteValue() {
        MappingSuggestion suggestion = suggest("""
                {"entity_id": 7, "created_at": "2026-11-20 14:03:11", "customer_email": "a@example.com",
                 "order_currency_code": "USD", "subtotal": 100, "discount_amount": -10, "grand_total": 90,
                 "items": [{"sku": "A-1", "qty_ordered": 5, "price": 20}]}
                """);

        assertThat(suggestion.field("totals.discount").orElseThrow().sourcePath()).isEqualTo("discount_amount");
        assertThat(suggestion.template()).contains("\"discount\": $moneyAbs(discount_amount)");
        assertThat(suggestion.template()).contains("\"orderDate\": $instant($replace(created_at, ' ', 'T'), \"UTC\")");
    }

    /** X-Cart's surcharges: one array of amounts told apart by their type. */
    @Test
    void shouldSumAmountsOfOneKindOutOfAnArrayOfMixedOnes() {
        MappingSuggestion suggestion = suggest("""
                {"id": 7, "date": "2026-11-20T09:03:11Z", "email": "a@example.com", "currency": "USD",
                 "sub_total": 100, "total": 111,
                 "surcharges": [{"type": "tax", "value": 8}, {"type": "shipping", "value": 5},
                                {"type": "tax", "value": 1}, {"type": "discount", "value": -3}],
                 "items": [{"sku": "A-1", "amount": 5, "price": 20}]}
                """);

        assertThat(suggestion.field("totals.tax").orElseThrow().sourcePath()).isEqualTo("surcharges[type='tax'].value");
        assertThat(suggestion.template()).contains("\"tax\": $moneySum(surcharges[type='tax'].value)")
                .contains("\"discount\": $moneyAbs($moneySum(surcharges[type='discount'].value))");
    }

    /** A code per line (a SKU) sorts nothing: TAX-1 is a product, not the tax. */
    @Test
    void shouldNotSumByAFieldThatIsDifferentInEveryElement() {
        MappingSuggestion suggestion = suggest("""
                {"id": 7, "created_at": "2026-11-20T09:03:11Z", "email": "a@example.com", "currency": "USD",
                 "subtotal": 30, "total": 30,
                 "items": [{"code": "TAX-1", "qty": 1, "price": 10}, {"code": "SHIP-2", "qty": 1, "price": 20}]}
                """);

        assertThat(suggestion.fields()).noneSatisfy(field -> assertThat(field.sourcePath()).contains("[code="));
        assertThat(suggestion.field("totals.tax").orElseThrow().found()).isFalse();
    }

    private static MappingSuggestion suggest(String json) {
        return new MappingSuggester().suggest("test", MappingSuggester.parse(json));
    }
}
