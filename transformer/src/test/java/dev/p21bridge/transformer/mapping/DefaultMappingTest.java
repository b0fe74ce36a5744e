package dev.p21bridge.transformer.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.ClarityNormalizer;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.StorefrontNormalizer;
import dev.p21bridge.transformer.normalize.ValidationException;
import dev.p21bridge.transformer.normalize.XCartNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bundled mapping set (version 0) against the Java normalizers it replaces: the same canonical order, byte for
 * byte in Avro, for the contract's samples and for the awkward payloads real stores send; and errors that name the
 * template and the field.
 */
class DefaultMappingTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final P21Defaults DEFAULTS = new P21Defaults("10", "10", "WEB", 1);
    private static final SkuCrossReference SKUS = new SkuCrossReference(Map.of("HX-4410", "BOLT-HX-4410"),
            sku -> Optional.empty());

    private final TemplateMapper templates = new TemplateMapper(
            CompiledMappingSet.compile(MappingSet.bundled()), SKUS, DEFAULTS);

    @Test
    void shouldMapTheXCartSampleAsTheJavaNormalizerDid() throws IOException {
        assertSameOrder(event(Source.XCART, "order.created", sample("xcart/order.created.json")));
    }

    @Test
    void shouldMapTheClaritySampleAsTheJavaNormalizerDid() throws IOException {
        assertSameOrder(event(Source.CLARITY, "order.created", sample("clarity/order.created.json")));
    }

    @Test
    void shouldKeepFloatNoiseOutAndTheSameItemOnTwoLines() throws IOException {
        ObjectNode body = (ObjectNode) sample("xcart/order.created.json");
        ArrayNode items = (ArrayNode) body.get("items");
        ((ObjectNode) items.get(1)).put("price", new BigDecimal("18.200000000000003"));
        ((ObjectNode) items.get(1)).put("sku", "HX-4410");
        Order order = assertSameOrder(event(Source.XCART, "order.updated", body));
        assertThat(order.getLines()).extracting(line -> line.getUnitPrice().toPlainString())
                .containsExactly("24.9500", "18.2000");
        assertThat(order.getLines()).extracting(line -> line.getP21ItemId())
                .containsExactly("BOLT-HX-4410", "BOLT-HX-4410");
    }

    @Test
    void shouldMapPaymentStatesAsTheJavaNormalizersDid() throws IOException {
        for (String state : new String[] {"Full Payment Received", "Partial Payment Received", "Processing",
                "Cancelled"}) {
            ObjectNode body = (ObjectNode) sample("clarity/order.created.json");
            body.put("status", state);
            assertSameOrder(event(Source.CLARITY, "order.updated", body));
        }
        ObjectNode card = (ObjectNode) sample("clarity/order.created.json");
        ((ObjectNode) card.get("paymentInfo")).put("transactionId", "ch_1").put("status", "Declined");
        assertSameOrder(event(Source.CLARITY, "order.created", card));
        ObjectNode declined = (ObjectNode) sample("xcart/order.created.json");
        ((ObjectNode) declined.get("payment_status")).put("code", "D");
        ((ArrayNode) declined.get("payment_transactions")).removeAll();
        assertSameOrder(event(Source.XCART, "order.created", declined));
    }

    @Test
    void shouldNameTheTemplateAndTheFieldWhenAPayloadCannotBeMapped() throws IOException {
        ObjectNode unknownStatus = (ObjectNode) sample("xcart/order.created.json");
        ((ObjectNode) unknownStatus.get("shipping_status")).put("code", "ZZ");
        assertThatThrownBy(() -> templates.order(event(Source.XCART, "order.created", unknownStatus)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("orders/xcart.jsonata").hasMessageContaining("xcart-shipping-status")
                .hasMessageContaining("'ZZ'");

        ObjectNode badTotal = (ObjectNode) sample("clarity/order.created.json");
        badTotal.put("totalAmount", "1.00");
        assertThatThrownBy(() -> templates.order(event(Source.CLARITY, "order.created", badTotal)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("totals.total").hasMessageContaining("orders/clarity.jsonata");

        ObjectNode notANumber = (ObjectNode) sample("clarity/order.created.json");
        ((ObjectNode) notANumber.get("lineItems").get(0)).put("unitPrice", "twelve");
        assertThatThrownBy(() -> templates.order(event(Source.CLARITY, "order.created", notANumber)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("lines[0].unitPrice").hasMessageContaining("'twelve'");
    }

    private Order assertSameOrder(RawEvent event) {
        StorefrontNormalizer java = event.source() == Source.XCART ? new XCartNormalizer(SKUS, DEFAULTS)
                : new ClarityNormalizer(SKUS, DEFAULTS);
        Order expected = java.order(event);
        Order mapped = templates.order(event);
        assertThat(mapped).isEqualTo(expected);
        try {
            assertThat(mapped.toByteBuffer()).isEqualTo(expected.toByteBuffer());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return mapped;
    }

    static RawEvent event(Source source, String type, JsonNode body) {
        return new RawEvent(source, type, "evt-1", Instant.parse("2026-11-20T14:03:12Z"), body);
    }

    static JsonNode sample(String name) throws IOException {
        try (InputStream in = DefaultMappingTest.class.getResourceAsStream("/samples/" + name)) {
            return JSON.readTree(in);
        }
    }
}
