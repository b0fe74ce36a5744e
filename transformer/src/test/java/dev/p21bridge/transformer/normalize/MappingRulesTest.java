package dev.p21bridge.transformer.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappingRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void shouldKnowTheCancelledStatusesOfBothStorefronts() {
        // docs/contract.md section 3: X-Cart shipping status C, Clarity status Cancelled or Voided
        assertThat(XCartNormalizer.SHIPPING_STATUS.get("C")).isEqualTo(dev.p21bridge.schemas.FulfillmentStatus.CANCELLED);
        assertThat(ClarityNormalizer.ORDER_STATUS.get("CANCELLED"))
                .isEqualTo(dev.p21bridge.schemas.FulfillmentStatus.CANCELLED);
        assertThat(ClarityNormalizer.ORDER_STATUS.get("VOIDED")).isEqualTo(dev.p21bridge.schemas.FulfillmentStatus.CANCELLED);
    }

    @Test
    void shouldTrimAndUpperCaseSkus() {
        assertThat(SkuCrossReference.normalizeSku("  hx-4410 ")).isEqualTo("HX-4410");
    }

    @Test
    void shouldPreferTheTopicOverTheCsvAndFallBackToTheSkuItself() {
        SkuCrossReference xref = new SkuCrossReference(Map.of("A", "FILE-A", "B", "FILE-B"),
                sku -> sku.equals("A") ? Optional.of("TOPIC-A") : Optional.empty());
        assertThat(xref.p21ItemId("A")).isEqualTo("TOPIC-A");
        assertThat(xref.p21ItemId("B")).isEqualTo("FILE-B");
        assertThat(xref.p21ItemId("C")).isEqualTo("C");
    }

    @Test
    void shouldReadNumbersAndNumericStringsAsExactDecimals() throws Exception {
        JsonFields json = JsonFields.root(JSON.readTree("{\"a\": 18.2, \"b\": \"0.10\", \"c\": 0.1}"));
        assertThat(json.decimal("a")).isEqualTo(new BigDecimal("18.2"));
        assertThat(json.decimal("b")).isEqualTo(new BigDecimal("0.10"));
        assertThat(json.decimal("c").add(new BigDecimal("0.2"))).isEqualTo(new BigDecimal("0.3"));
    }

    @Test
    void shouldRefuseAFifthDecimalRatherThanRoundMoney() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("1.00001"), "lines[0].unitPrice"))
                .isInstanceOf(ValidationException.class).hasMessage("lines[0].unitPrice has more than 4 decimals: 1.00001");
    }

    @Test
    void shouldConvertDatesWithOffsetsToUtcInstants() throws Exception {
        JsonFields json = JsonFields.root(JSON.readTree("{\"d\": \"2026-11-20T08:15:44-06:00\", \"z\": \"2026-11-20T14:03:11Z\"}"));
        assertThat(json.instant("d")).isEqualTo(Instant.parse("2026-11-20T14:15:44Z"));
        assertThat(json.instant("z")).isEqualTo(Instant.parse("2026-11-20T14:03:11Z"));
    }

    @Test
    void shouldMapCountryCodesAndNamesToAlpha2() {
        assertThat(CountryCodes.toAlpha2("USA", "c")).isEqualTo("US");
        assertThat(CountryCodes.toAlpha2("us", "c")).isEqualTo("US");
        assertThat(CountryCodes.toAlpha2("CAN", "c")).isEqualTo("CA");
        assertThat(CountryCodes.toAlpha2("Germany", "c")).isEqualTo("DE");
        assertThatThrownBy(() -> CountryCodes.toAlpha2("Atlantis", "shippingAddress.countryCode"))
                .isInstanceOf(MappingException.class)
                .hasMessage("shippingAddress.countryCode is not an ISO 3166 country code or name: 'Atlantis'");
    }

    @Test
    void shouldSplitAFullNameAtTheFirstSpace() {
        assertThat(PersonName.split("María José Núñez Ortega")).isEqualTo(new PersonName("María", "José Núñez Ortega"));
        assertThat(PersonName.split("  Dana   Whitfield ")).isEqualTo(new PersonName("Dana", "Whitfield"));
        assertThat(PersonName.split("Cher")).isEqualTo(new PersonName(null, "Cher"));
        assertThat(PersonName.split(" ")).isEqualTo(new PersonName(null, null));
    }

    @Test
    void shouldTrimAndLowerCaseEmails() {
        assertThat(Emails.normalize(" MJ.Nunez@example.org", "email")).isEqualTo("mj.nunez@example.org");
        assertThatThrownBy(() -> Emails.normalize("nobody", "email")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("email is not a well-formed e-mail address");
    }

    @Test
    void shouldSetTheRequestedDateAfterTheOrderDate() {
        P21Defaults defaults = new P21Defaults("10", "10", "WEB", 1);
        assertThat(defaults.forOrderDate(Instant.parse("2026-11-20T23:59:59Z")).getRequestedDate())
                .isEqualTo(java.time.LocalDate.of(2026, 11, 21));
        assertThatThrownBy(() -> new P21Defaults("10", "10", "WEB", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMapEveryStorefrontStatusCode() {
        assertThat(XCartNormalizer.PAYMENT_STATUS).containsKeys("A", "PP", "P", "D", "C", "Q", "R");
        assertThat(XCartNormalizer.SHIPPING_STATUS).containsKeys("N", "P", "S", "D", "WND", "R", "WFA", "NBA");
        assertThat(ClarityNormalizer.ORDER_STATUS).containsKeys("PENDING", "SHIPPED", "VOIDED", "ON HOLD");
    }
}
