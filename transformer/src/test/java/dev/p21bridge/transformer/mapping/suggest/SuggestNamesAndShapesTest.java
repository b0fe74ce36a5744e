package dev.p21bridge.transformer.mapping.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suggester's vocabulary: how names are split and compared, how values are recognised, where places fit. */
class SuggestNamesAndShapesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void shouldSplitEveryCommonSpellingOfANameIntoTheSameWords() {
        for (String spelling : List.of("shippingAddress", "shipping_address", "shipping-address", "ShippingAddress",
                "SHIPPING_ADDRESS")) {
            assertThat(NameTokens.of(spelling).words()).as(spelling).containsExactly("shipping", "address");
        }
        assertThat(NameTokens.of("address1").words()).containsExactly("address", "1");
        assertThat(NameTokens.of("street_1").words()).containsExactly("street", "1");
        assertThat(NameTokens.of("countryISO2").words()).containsExactly("country", "iso", "2");
        assertThat(NameTokens.of("ISOCode").words()).containsExactly("iso", "code");
    }

    @Test
    void shouldMatchANameSpelledAsOneWordOrSeveral() {
        assertThat(score("zipcode", "zip code")).isEqualTo(1.0);
        assertThat(score("zip_code", "zipcode")).isEqualTo(1.0);
        assertThat(score("customer_firstname", "first name")).isGreaterThan(0.95);
    }

    @Test
    void shouldPreferANameOverItsTwinWithAQualifier() {
        assertThat(score("grand_total", "grand total")).isGreaterThan(score("base_grand_total", "grand total"));
        assertThat(score("qty_ordered", "qty")).isGreaterThan(score("qty_invoiced", "qty"));
        // Woo's date_created is local time, date_created_gmt UTC
        assertThat(score("date_created_gmt", "date created")).isGreaterThan(score("date_created", "date created"));
        assertThat(score("shipping_id", "shipping")).isLessThan(0.7);
    }

    @Test
    void shouldNotTakeAPartOfANameOrAnotherThingsNameForAName() {
        assertThat(score("last_name", "name")).isZero();
        assertThat(score("country_name", "name")).isZero();
        assertThat(score("checkout_id", "id")).isZero();
        assertThat(score("customer_name", "name")).isGreaterThan(0.9);
        assertThat(NameSimilarity.match(Synonym.of("street", 1, Synonym.Reshape.FIRST_LINE), NameTokens.of("street_1"))
                .found()).as("a numbered street line is not split again").isFalse();
    }

    @Test
    void shouldRecogniseValueShapesWithoutQuotingTheValues() {
        assertThat(fit(ValueShape.EMAIL, text("Dana.Whitfield@Example.com"))).isEqualTo(1.0);
        assertThat(ValueShapes.fit(ValueShape.EMAIL, text("Dana Whitfield")).note()).doesNotContain("Dana");
        assertThat(fit(ValueShape.EMAIL, text("Dana Whitfield"))).isZero();
        assertThat(fit(ValueShape.DATE_TIME, text("2026-11-20T09:03:11-05:00"))).isEqualTo(1.0);
        assertThat(fit(ValueShape.DATE_TIME, text("2026-11-20T14:03:11"))).isLessThan(1.0).isGreaterThan(0.5);
        assertThat(fit(ValueShape.DATE_TIME, text("2026-11-20 14:03:11"))).isLessThan(1.0).isGreaterThan(0.5);
        assertThat(fit(ValueShape.DATE_TIME, NODES.numberNode(1_795_000_000L))).isGreaterThan(0.5);
        assertThat(fit(ValueShape.DATE_TIME, NODES.numberNode(42))).isZero();
        assertThat(fit(ValueShape.MONEY, text("199.00"))).isEqualTo(1.0);
        assertThat(fit(ValueShape.MONEY, NODES.numberNode(new BigDecimal("18.200000000000003")))).isEqualTo(1.0);
        assertThat(fit(ValueShape.MONEY, NODES.numberNode(new BigDecimal("18.20001")))).isLessThan(0.5);
        assertThat(fit(ValueShape.MONEY, text("n/a"))).isZero();
        assertThat(fit(ValueShape.COUNTRY, text("US"))).isEqualTo(1.0);
        assertThat(fit(ValueShape.COUNTRY, text("USA"))).isEqualTo(0.9);
        assertThat(fit(ValueShape.COUNTRY, text("United States"))).isEqualTo(0.8);
        assertThat(fit(ValueShape.COUNTRY, text("XQ"))).isZero();
        assertThat(fit(ValueShape.CURRENCY, text("USD"))).isEqualTo(1.0);
        assertThat(fit(ValueShape.CURRENCY, text("ABC"))).isZero();
        assertThat(fit(ValueShape.QUANTITY, NODES.numberNode(4))).isEqualTo(1.0);
        assertThat(fit(ValueShape.QUANTITY, NODES.numberNode(0))).isLessThan(0.5);
        assertThat(fit(ValueShape.POSTAL_CODE, text("78735-1822"))).isEqualTo(1.0);
        assertThat(fit(ValueShape.ID, text("HX-4410"))).isEqualTo(1.0);
        assertThat(ValueShapes.fit(ValueShape.EMAIL, NODES.nullNode()).score()).as("no sample says nothing").isEqualTo(0.5);
    }

    @Test
    void shouldFitAFieldToTheAddressItSitsUnder() {
        assertThat(Place.SHIPPING.fit(EnumSet.of(Place.SHIPPING))).isEqualTo(1.0);
        assertThat(Place.SHIPPING.fit(EnumSet.of(Place.BILLING))).isLessThan(0.1);
        assertThat(Place.CUSTOMER.fit(EnumSet.of(Place.BILLING))).isGreaterThan(Place.CUSTOMER.fit(EnumSet.of(Place.SHIPPING)));
        assertThat(Place.ORDER.fit(EnumSet.of(Place.CUSTOMER))).isEqualTo(0.5);
        assertThat(Place.BILLING.fit(EnumSet.of(Place.BILLING, Place.LINE))).as("never inside a line").isLessThan(0.6);
    }

    @Test
    void shouldQuoteNamesJsonataCannotReadBare() {
        assertThat(JsonataPath.child("", "line_items")).isEqualTo("line_items");
        assertThat(JsonataPath.child("a", "order-id")).isEqualTo("a.`order-id`");
        assertThat(JsonataPath.child("", "in")).isEqualTo("`in`");
        assertThat(JsonataPath.filtered("surcharges", "type", "it's")).isEqualTo("surcharges[type='it\\'s']");
    }

    private static double score(String name, String synonym) {
        return NameSimilarity.match(Synonym.of(synonym, 1), NameTokens.of(name)).score();
    }

    private static double fit(ValueShape shape, JsonNode value) {
        return ValueShapes.fit(shape, value).score();
    }

    private static JsonNode text(String value) {
        return NODES.textNode(value);
    }
}
