package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.P21OrderDefaults;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class P21OrderMapperTest {

    private final P21OrderMapper mapper = new P21OrderMapper();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldWriteTheXCartSampleAsAnOrderTransactionSetFieldByField() {
        JsonNode set = json.valueToTree(mapper.salesOrder(SampleOrders.xcart(), "100198"));

        assertThat(set.path("Name").asText()).isEqualTo("Order");
        assertThat(set.path("UseCodeValues").isBoolean()).isTrue();
        assertThat(set.path("UseCodeValues").asBoolean()).isFalse();
        assertThat(set.path("Transactions")).hasSize(1);
        JsonNode transaction = set.path("Transactions").path(0);
        assertThat(transaction.path("Status").asText()).isEqualTo("New");
        JsonNode header = transaction.path("DataElements").path(0);
        assertThat(header.path("Name").asText()).isEqualTo("TABPAGE_1.order");
        assertThat(header.path("Type").asText()).isEqualTo("Form");
        assertThat(header.path("Keys")).isEmpty();
        assertThat(header.path("Rows")).hasSize(1);
        assertThat(header.path("Rows").path(0).path("RelativeDateEdits")).isEmpty();
        assertThat(edits(header.path("Rows").path(0))).containsExactly(
                "customer_id=100198", "sales_loc_id=10", "source_loc_id=20", "taker=WEBSTORE",
                "order_date=2026-11-20", "requested_date=2026-11-22", "po_no=10452", "web_reference_no=xcart:10452",
                "ship2_name=Dana Whitfield", "ship2_add1=4410 Industrial Oaks Blvd", "ship2_city=Austin",
                "ship2_state=TX", "ship2_zip=78735-1822", "ship2_country=US", "carrier_id=UPSG",
                "terms=PREPAID", "notes=Leave at dock 4", "freight_out=14.5000", "tax_amount=30.3900");
        JsonNode items = transaction.path("DataElements").path(1);
        assertThat(items.path("Name").asText()).isEqualTo("TP_ITEMS.items");
        assertThat(items.path("Type").asText()).isEqualTo("List");
        assertThat(items.path("Keys")).isEmpty();
        assertThat(items.path("Rows")).hasSize(3);
        assertThat(edits(items.path("Rows").path(0)))
                .containsExactly("line_no=1", "oe_order_item_id=HX-4410", "unit_quantity=8", "unit_price=24.9500");
        assertThat(edits(items.path("Rows").path(1)))
                .containsExactly("line_no=2", "oe_order_item_id=WSH-0375-Z", "unit_quantity=10", "unit_price=18.2000");
        assertThat(edits(items.path("Rows").path(2)))
                .containsExactly("line_no=3", "oe_order_item_id=WEB-DISCOUNT", "unit_quantity=1", "unit_price=-13.2700");
        assertThat(transaction.path("DataElements")).hasSize(2);
    }

    @Test
    void shouldWriteTheClaritySampleWithTheCustomersPoNumberAndSecondAddressLine() {
        JsonNode set = json.valueToTree(mapper.salesOrder(SampleOrders.clarity(), "100200"));

        JsonNode elements = set.path("Transactions").path(0).path("DataElements");
        assertThat(edits(elements.path(0).path("Rows").path(0))).containsExactly(
                "customer_id=100200", "sales_loc_id=10", "source_loc_id=20", "taker=WEBSTORE",
                "order_date=2026-11-20", "requested_date=2026-11-22", "po_no=PO-88123",
                "web_reference_no=clarity:CL-2026-000981", "ship2_name=María José Núñez Ortega",
                "ship2_add1=2150 S Canalport Ave", "ship2_add2=Unit 4B", "ship2_city=Chicago", "ship2_state=IL",
                "ship2_zip=60608", "ship2_country=US", "carrier_id=FDX2D", "terms=Net 30", "freight_out=18.0000",
                "tax_amount=125.4900");
        assertThat(elements.path(1).path("Rows")).hasSize(3);
        assertThat(edits(elements.path(1).path("Rows").path(2)))
                .containsExactly("line_no=3", "oe_order_item_id=BV-075-SWT", "unit_quantity=24", "unit_price=27.9500");
    }

    @Test
    void theXCartSampleIsInvoicedByP21AtWhatTheShopperPaid() {
        JsonNode set = json.valueToTree(mapper.salesOrder(SampleOrders.xcart(), "100198"));

        assertThat(invoiceTotal(set)).isEqualByComparingTo("413.22");
    }

    @Test
    void theClaritySampleIsInvoicedByP21AtWhatTheShopperPaid() {
        JsonNode set = json.valueToTree(mapper.salesOrder(SampleOrders.clarity(), "100200"));

        assertThat(invoiceTotal(set)).isEqualByComparingTo("1367.69");
    }

    @Test
    void shouldKeepOneItemOnTwoLinesApartWithTheirOwnLineNumbers() {
        Order order = SampleOrders.variant("10460", "dana.whitfield@example.com", "HX-4410", "HX-4410");

        JsonNode rows = json.valueToTree(mapper.salesOrder(order, "100198"))
                .path("Transactions").path(0).path("DataElements").path(1).path("Rows");

        assertThat(edits(rows.path(0))).startsWith("line_no=1", "oe_order_item_id=HX-4410");
        assertThat(edits(rows.path(1))).startsWith("line_no=2", "oe_order_item_id=HX-4410");
    }

    @Test
    void shouldSendNoDiscountLineWithoutADiscountAndTheDefaultCarrierForAnUnknownMethod() {
        Order order = Order.newBuilder(SampleOrders.xcart()).setShippingMethod("Pony Express").build();
        order.getTotals().setDiscount(BigDecimal.ZERO.setScale(4));
        order.getTotals().setTotal(new BigDecimal("426.4900"));

        JsonNode elements = json.valueToTree(mapper.salesOrder(order, "100198")).path("Transactions").path(0)
                .path("DataElements");

        assertThat(edits(elements.path(0).path("Rows").path(0))).contains("carrier_id=BESTWAY");
        assertThat(elements.path(1).path("Rows")).hasSize(2);
    }

    @Test
    void shouldSendTheCarrierAndSalesRepAMappingRuleChoseOverTheShipViaMap() {
        Order order = SampleOrders.xcart();
        order.getP21().setShipViaId("RULE-CARRIER");
        order.getP21().setSalesRepId("REP-BIG");

        JsonNode header = json.valueToTree(mapper.salesOrder(order, "100198")).path("Transactions").path(0)
                .path("DataElements").path(0).path("Rows").path(0);

        assertThat(edits(header)).contains("carrier_id=RULE-CARRIER", "salesrep_id=REP-BIG")
                .doesNotContain("carrier_id=UPSG");
    }

    @Test
    void shouldReadTheShipViaMapAsAnOperatorWritesIt() {
        OrderMapping mapping = new OrderMapping(OrderMapping.parseShipVia(" ups  ground = 12 , Will Call=WC"), "99",
                "DISC", "CC");

        assertThat(mapping.carrierFor("UPS Ground")).isEqualTo("12");
        assertThat(mapping.carrierFor("will call")).isEqualTo("WC");
        assertThat(mapping.carrierFor("FedEx 2Day")).isEqualTo("99");
        assertThat(mapping.carrierFor(null)).isEqualTo("99");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrderMapping.parseShipVia("UPS Ground"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'UPS Ground' is not 'Method=CARRIER'");
    }

    /** What P21 invoices for a set: every row's quantity times unit price, plus freight_out, plus tax_amount. */
    private static BigDecimal invoiceTotal(JsonNode set) {
        JsonNode elements = set.path("Transactions").path(0).path("DataElements");
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : elements.path(1).path("Rows")) {
            java.util.Map<String, String> edit = new java.util.HashMap<>();
            row.path("Edits").forEach(e -> edit.put(e.path("Name").asText(), e.path("Value").asText()));
            total = total.add(new BigDecimal(edit.get("unit_quantity")).multiply(new BigDecimal(edit.get("unit_price"))));
        }
        for (JsonNode e : elements.path(0).path("Rows").path(0).path("Edits")) {
            String name = e.path("Name").asText();
            if (name.equals("freight_out") || name.equals("tax_amount")) {
                total = total.add(new BigDecimal(e.path("Value").asText()));
            }
        }
        return total;
    }

    @Test
    void shouldSendEveryValueAsAString() {
        JsonNode set = json.valueToTree(mapper.salesOrder(SampleOrders.clarity(), "100200"));

        set.path("Transactions").path(0).path("DataElements").forEach(element -> element.path("Rows").forEach(row ->
                row.path("Edits").forEach(edit -> assertThat(edit.path("Value").isTextual()).isTrue())));
    }

    @Test
    void shouldUseTheUtcDateOfTheOrderAndKeepTheRequestedDateAfterIt() {
        Order lateEvening = Order.newBuilder(SampleOrders.clarity())
                .setOrderDate(Instant.parse("2026-11-21T23:30:00Z"))
                .setP21(new P21OrderDefaults("10", "20", "WEBSTORE", LocalDate.of(2026, 11, 21), null, null))
                .build();

        List<String> header = edits(json.valueToTree(mapper.salesOrder(lateEvening, "1"))
                .path("Transactions").path(0).path("DataElements").path(0).path("Rows").path(0));

        assertThat(header).contains("order_date=2026-11-21", "requested_date=2026-11-22");
    }

    @Test
    void shouldWriteQuantitiesWithoutTrailingZeros() {
        assertThat(P21OrderMapper.quantity(new BigDecimal("2.5000"))).isEqualTo("2.5");
        assertThat(P21OrderMapper.quantity(new BigDecimal("100.0000"))).isEqualTo("100");
        assertThat(P21OrderMapper.quantity(new BigDecimal("0.0000"))).isEqualTo("0");
    }

    @Test
    void shouldCreateTheClarityBuyerAsACustomerAtTheBillingAddress() {
        JsonNode set = json.valueToTree(mapper.customer(SampleOrders.clarity()));

        assertThat(set.path("Name").asText()).isEqualTo("Customer");
        JsonNode form = set.path("Transactions").path(0).path("DataElements").path(0);
        assertThat(form.path("Name").asText()).isEqualTo("TABPAGE_1.customer");
        assertThat(form.path("Type").asText()).isEqualTo("Form");
        assertThat(edits(form.path("Rows").path(0))).containsExactly(
                "customer_name=Núñez Plumbing Supply", "email_address=mj.nunez@example.org", "first_name=María",
                "last_name=José Núñez Ortega", "phys_address1=PO Box 6120", "phys_city=Chicago", "phys_state=IL",
                "phys_postal_code=60680-6120", "phys_country=US", "central_phone_number=(312) 555-0199");
    }

    @Test
    void shouldNameACustomerWithoutCompanyByFirstAndLastName() {
        Order order = SampleOrders.xcart();
        order.getCustomer().setCompany(null);
        order.getBillingAddress().setCompany(null);

        JsonNode row = json.valueToTree(mapper.customer(order))
                .path("Transactions").path(0).path("DataElements").path(0).path("Rows").path(0);

        assertThat(edits(row)).startsWith("customer_name=Dana Whitfield");
    }

    private static List<String> edits(JsonNode row) {
        List<String> edits = new ArrayList<>();
        row.path("Edits").forEach(e -> edits.add(e.path("Name").asText() + "=" + e.path("Value").asText()));
        return edits;
    }
}
