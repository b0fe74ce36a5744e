package dev.p21bridge.transformer.mapping.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance criterion of {@code ./bridge mapping suggest}: order payloads of platforms the bridge has no
 * normalizer for, in the shapes their public API documentation gives (values made up, totals balancing), get at
 * least 80% of the required and important targets right. Each test states the path a person would map each target
 * from; a miss is named in the failure with what was suggested instead.
 */
class SuggestForeignPlatformsTest {

    private static final double ENOUGH = 0.8;

    /** Shopify REST Admin API, the Order resource as an {@code orders/create} webhook delivers it. */
    @Test
    void shouldDraftMostOfAShopifyOrder() throws IOException {
        Map<String, String> expected = expected(
                "orderId", "id",
                "orderDate", "created_at",
                "customer.email", "email",
                "customer.firstName", "customer.first_name",
                "customer.lastName", "customer.last_name",
                "billingAddress.line1", "billing_address.address1",
                "billingAddress.city", "billing_address.city",
                "billingAddress.postalCode", "billing_address.zip",
                "billingAddress.countryCode", "billing_address.country_code",
                "shippingAddress.line1", "shipping_address.address1",
                "shippingAddress.countryCode", "shipping_address.country_code",
                "lines", "line_items",
                "lines[].sku", "line_items.sku",
                "lines[].quantity", "line_items.quantity",
                "lines[].unitPrice", "line_items.price",
                // subtotal_price is after discounts; the bridge's subtotal is the lines' sum, as the sums show
                "totals.subtotal", "total_line_items_price",
                "totals.tax", "total_tax",
                "totals.shipping", "shipping_lines.price",
                "totals.total", "total_price",
                "currency", "currency");

        assertMostlyRight("shopify-order.json", expected);
    }

    /** WooCommerce REST API v3, {@code GET /wp-json/wc/v3/orders/<id>}; it has no order subtotal, only the lines'. */
    @Test
    void shouldDraftMostOfAWooCommerceOrder() throws IOException {
        Map<String, String> expected = expected(
                "orderId", "id",
                "orderDate", "date_created_gmt",
                "customer.email", "billing.email",
                "customer.firstName", "billing.first_name",
                "customer.lastName", "billing.last_name",
                "billingAddress.line1", "billing.address_1",
                "billingAddress.city", "billing.city",
                "billingAddress.postalCode", "billing.postcode",
                "billingAddress.countryCode", "billing.country",
                "shippingAddress.line1", "shipping.address_1",
                "shippingAddress.countryCode", "shipping.country",
                "lines", "line_items",
                "lines[].sku", "line_items.sku",
                "lines[].quantity", "line_items.quantity",
                "lines[].unitPrice", "line_items.price",
                "totals.subtotal", "line_items.subtotal",
                "totals.tax", "total_tax",
                "totals.shipping", "shipping_total",
                "totals.total", "total",
                "currency", "currency");

        assertMostlyRight("woocommerce-order.json", expected);
    }

    /** Magento 2 REST API, {@code GET /V1/orders/<id>}: the shipping address only in the extension attributes. */
    @Test
    void shouldDraftMostOfAMagentoOrder() throws IOException {
        String shipTo = "extension_attributes.shipping_assignments[0].shipping.address.";
        Map<String, String> expected = expected(
                "orderId", "entity_id",
                "orderDate", "created_at",
                "customer.email", "customer_email",
                "customer.firstName", "customer_firstname",
                "customer.lastName", "customer_lastname",
                "billingAddress.line1", "billing_address.street[0]",
                "billingAddress.city", "billing_address.city",
                "billingAddress.postalCode", "billing_address.postcode",
                "billingAddress.countryCode", "billing_address.country_id",
                "shippingAddress.line1", shipTo + "street[0]",
                "shippingAddress.countryCode", shipTo + "country_id",
                "lines", "items",
                "lines[].sku", "items.sku",
                "lines[].quantity", "items.qty_ordered",
                "lines[].unitPrice", "items.price",
                "totals.subtotal", "subtotal",
                "totals.tax", "tax_amount",
                "totals.shipping", "shipping_amount",
                "totals.total", "grand_total",
                "currency", "order_currency_code");

        assertMostlyRight("magento-order.json", expected);
    }

    /** X-Cart 5.5, which the bridge maps by hand: the draft should find what XCartNormalizer reads. */
    @Test
    void shouldDraftTheObviousFieldsOfAnXCartOrder() throws IOException {
        Map<String, String> expected = expected(
                "orderId", "id",
                "orderDate", "create_date",
                "customer.email", "email",
                "customer.firstName", "billing_address.firstname",
                "customer.lastName", "billing_address.lastname",
                "billingAddress.line1", "billing_address.street",
                "billingAddress.city", "billing_address.city",
                "billingAddress.postalCode", "billing_address.zipcode",
                "billingAddress.countryCode", "billing_address.country",
                "shippingAddress.line1", "shipping_address.street",
                "shippingAddress.countryCode", "shipping_address.country",
                "lines", "items",
                "lines[].sku", "items.sku",
                "lines[].quantity", "items.amount",
                "lines[].unitPrice", "items.price",
                "totals.subtotal", "sub_total",
                "totals.tax", "surcharges[type='tax'].value",
                "totals.shipping", "surcharges[type='shipping'].value",
                "totals.total", "total",
                "currency", "currency.code");

        assertMostlyRight("xcart-order.json", expected);
    }

    private static void assertMostlyRight(String resource, Map<String, String> expected) throws IOException {
        MappingSuggestion suggestion = new MappingSuggester().suggest("foreign", MappingSuggester.parse(read(resource)));
        List<String> misses = new ArrayList<>();
        expected.forEach((target, path) -> {
            FieldSuggestion field = suggestion.field(target).orElseThrow();
            if (!path.equals(field.sourcePath())) {
                misses.add(target + ": expected '" + path + "', suggested " + (field.found()
                        ? "'" + field.sourcePath() + "' " + field.evidence() : "nothing " + field.evidence()));
            }
        });
        int right = expected.size() - misses.size();
        System.out.printf("%s: %d of %d scored targets right%n", resource, right, expected.size());
        misses.forEach(miss -> System.out.println("  missed " + miss));
        assertThat(FieldCatalog.targets().stream().filter(Target::scored).map(Target::name))
                .as("every required and important target is stated").containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat((double) right / expected.size())
                .as("%s: %d of %d right; missed:%n%s", resource, right, expected.size(), String.join("\n", misses))
                .isGreaterThanOrEqualTo(ENOUGH);
    }

    private static Map<String, String> expected(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String read(String resource) throws IOException {
        try (InputStream in = SuggestForeignPlatformsTest.class.getResourceAsStream("/mapping/foreign/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
