package dev.p21bridge.transformer.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Rules and look-up tables over mapped orders: what fires, what they may set, and what they may not. */
class OrderRulesTest {

    private static final P21Defaults DEFAULTS = new P21Defaults("10", "20", "WEBSTORE", 2);

    @Test
    void shouldSetTheSalesRepOfBigOrdersAndTheCarrierFromATableInTheOrderOfTheirNames() throws IOException {
        TemplateMapper.MappedOrder mapped = map(Map.of(
                "rules/10-big-orders.jsonata", "totals.total > 400 ? {\"p21\": {\"salesRepId\": \"REP-BIG\"}}",
                "rules/20-ship-via.jsonata", "{\"p21\": {\"shipViaId\": $lookup(\"ship-via\", shippingMethod)}}",
                "rules/30-small-orders.jsonata", "totals.total <= 400 ? {\"p21\": {\"salesRepId\": \"REP-SMALL\"}}",
                "tables/ship-via.csv", "storefront method,p21 carrier\nups ground,UPSG-RULE\n"));

        Order order = mapped.order();
        assertThat(order.getP21().getSalesRepId()).isEqualTo("REP-BIG");
        assertThat(order.getP21().getShipViaId()).isEqualTo("UPSG-RULE");
        assertThat(order.getP21().getTaker()).isEqualTo("WEBSTORE");
        assertThat(mapped.rulesFired()).containsExactly("rules/10-big-orders.jsonata", "rules/20-ship-via.jsonata");
    }

    @Test
    void shouldCompareAmountsAStoreSendsAsTextAsNumbers() throws IOException {
        MappingSet set = set(Map.of("rules/10-big-orders.jsonata",
                "totals.total > 1000 and lines[0].quantity >= 12 ? {\"p21\": {\"salesRepId\": \"REP-BIG\"}}"));
        Order clarity = new TemplateMapper(CompiledMappingSet.compile(set), SkuCrossReference.none(), DEFAULTS)
                .order(DefaultMappingTest.event(Source.CLARITY, "order.created",
                        DefaultMappingTest.sample("clarity/order.created.json")));

        assertThat(clarity.getP21().getSalesRepId()).isEqualTo("REP-BIG");
    }

    @Test
    void shouldTakeThePoNumberFromACustomCheckoutFieldByEditingTheTemplate() throws IOException {
        String template = MappingSet.bundled().files().get("orders/xcart.jsonata")
                .replace("\"method\": payment_method_name,",
                        "\"method\": payment_method_name,\n      \"poNumber\": custom_fields[name = \"PO\"].value,");
        TemplateMapper.MappedOrder mapped = map(Map.of("orders/xcart.jsonata", template), body -> body
                .putArray("custom_fields").addObject().put("name", "PO").put("value", "PO-7781"));

        assertThat(mapped.order().getPayment().getPoNumber()).isEqualTo("PO-7781");
    }

    @Test
    void shouldRefuseARuleThatChangesMoneyOrComputesAFloat() throws IOException {
        assertThatThrownBy(() -> map(Map.of("rules/10-cheaper.jsonata", "{\"totals\": {\"total\": 1}}")))
                .isInstanceOf(MappingException.class).hasMessageContaining("rules/10-cheaper.jsonata")
                .hasMessageContaining("totals.total, which a rule may not change");
        assertThatThrownBy(() -> map(Map.of("rules/10-float.jsonata", "{\"notes\": totals.total * 1.1}")))
                .isInstanceOf(MappingException.class).hasMessageContaining("rules/10-float.jsonata")
                .hasMessageContaining("floating-point number at $.notes");
    }

    @Test
    void shouldNameTheFileLineAndColumnOfASyntaxError() {
        assertThatThrownBy(() -> CompiledMappingSet.compile(set(Map.of("rules/10-broken.jsonata",
                "(\n  $x := 1;\n  totals.total > ? 1\n)"))))
                .isInstanceOf(MappingSetException.class)
                .satisfies(e -> {
                    MappingSetException problem = (MappingSetException) e;
                    assertThat(problem.file()).isEqualTo("rules/10-broken.jsonata");
                    assertThat(problem.line()).isEqualTo(3);
                });
        assertThatThrownBy(() -> CompiledMappingSet.compile(set(Map.of("tables/ship-via.csv", "k,v\na,1\nA,2\n"))))
                .isInstanceOf(MappingSetException.class).hasMessage("tables/ship-via.csv:3:1: key 'A' is written twice");
    }

    private static TemplateMapper.MappedOrder map(Map<String, String> files) throws IOException {
        return map(files, body -> { });
    }

    private static TemplateMapper.MappedOrder map(Map<String, String> files,
                                                       java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change)
            throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) DefaultMappingTest.sample("xcart/order.created.json");
        change.accept(body);
        // as published and read back from bridge.mappings
        MappingSet published = MappingSet.fromJson(set(files).toJson());
        return new TemplateMapper(CompiledMappingSet.compile(published), SkuCrossReference.none(), DEFAULTS)
                .mapOrder(DefaultMappingTest.event(Source.XCART, "order.updated", body));
    }

    private static MappingSet set(Map<String, String> changes) {
        SortedMap<String, String> files = new TreeMap<>(MappingSet.bundled().files());
        files.putAll(changes);
        return new MappingSet(1, null, files);
    }
}
