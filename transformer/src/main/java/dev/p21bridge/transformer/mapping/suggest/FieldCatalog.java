package dev.p21bridge.transformer.mapping.suggest;

import static dev.p21bridge.transformer.mapping.suggest.Synonym.Reshape.FIRST_LINE;
import static dev.p21bridge.transformer.mapping.suggest.Synonym.Reshape.FIRST_NAME;
import static dev.p21bridge.transformer.mapping.suggest.Synonym.Reshape.LAST_NAME;
import static dev.p21bridge.transformer.mapping.suggest.Synonym.Reshape.SECOND_LINE;
import static dev.p21bridge.transformer.mapping.suggest.Target.IMPORTANT;
import static dev.p21bridge.transformer.mapping.suggest.Target.OPTIONAL;
import static dev.p21bridge.transformer.mapping.suggest.Target.REQUIRED;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mapped order's fields, in the order a template lists them, each with the names storefronts are known to give
 * it (Shopify, WooCommerce, Magento, BigCommerce, X-Cart and common English). A weight below 1 marks a name that
 * often means something close but not the same: Shopify's {@code processed_at} is usually, not always, the order
 * date. Adding a name here is how the suggester learns a new platform's habits.
 */
final class FieldCatalog {

    /** The array of lines itself: chosen by {@link LineArrays}, listed among the targets. */
    static final Target LINES = new Target("lines", Place.LINE, ValueShape.TEXT, REQUIRED, null, List.of(
            s("items", 1), s("line items", 1), s("lines", 1), s("order lines", 1), s("order items", 1),
            s("products", 0.9), s("cart items", 0.9), s("line", 0.9), s("positions", 0.7), s("entries", 0.6)));

    private static final List<Target> TARGETS = build();

    private FieldCatalog() {
    }

    static List<Target> targets() {
        return TARGETS;
    }

    static Optional<Target> target(String name) {
        return TARGETS.stream().filter(target -> target.name().equals(name)).findFirst();
    }

    private static List<Target> build() {
        List<Target> targets = new ArrayList<>();
        targets.add(t("orderId", Place.ORDER, ValueShape.ID, REQUIRED, "ids",
                s("id", 1), s("order id", 1), s("entity id", 0.95), s("uuid", 0.8), s("order uuid", 0.9)));
        targets.add(t("orderNumber", Place.ORDER, ValueShape.ID, OPTIONAL, "ids",
                s("order number", 1), s("number", 0.95), s("increment id", 0.95), s("order no", 0.95),
                s("reference", 0.7), s("display id", 0.8), s("name", 0.5)));
        targets.add(t("orderDate", Place.ORDER, ValueShape.DATE_TIME, REQUIRED, null,
                s("created at", 1), s("date created", 1), s("create date", 1), s("order date", 1), s("placed at", 1),
                s("date placed", 1), s("ordered at", 1), s("created on", 0.95), s("creation date", 0.95),
                s("created", 0.9), s("processed at", 0.7), s("date", 0.6), s("timestamp", 0.5)));
        targets.add(t("storefrontCustomerId", Place.CUSTOMER, ValueShape.ID, OPTIONAL, "ids",
                s("customer id", 1), s("customer number", 0.9), s("profile id", 0.8), s("buyer id", 0.9),
                s("user id", 0.6)));
        targets.add(t("customer.email", Place.CUSTOMER, ValueShape.EMAIL, REQUIRED, null,
                s("email", 1), s("e mail", 1), s("email address", 1), s("mail", 0.8), s("contact email", 0.95)));
        targets.add(t("customer.firstName", Place.CUSTOMER, ValueShape.PERSON_NAME, IMPORTANT, null,
                s("first name", 1), s("given name", 0.95), s("forename", 0.9), s("fname", 0.8),
                s("full name", 0.6, FIRST_NAME), s("name", 0.5, FIRST_NAME)));
        targets.add(t("customer.lastName", Place.CUSTOMER, ValueShape.PERSON_NAME, IMPORTANT, null,
                s("last name", 1), s("surname", 0.95), s("family name", 0.95), s("lname", 0.8),
                s("full name", 0.6, LAST_NAME), s("name", 0.5, LAST_NAME)));
        targets.add(t("customer.company", Place.CUSTOMER, ValueShape.TEXT, OPTIONAL, null, company()));
        targets.add(t("customer.phone", Place.CUSTOMER, ValueShape.PHONE, OPTIONAL, null, phone()));
        address(targets, "billingAddress", Place.BILLING);
        address(targets, "shippingAddress", Place.SHIPPING);
        lines(targets);
        totals(targets);
        targets.add(t("currency", Place.ORDER, ValueShape.CURRENCY, REQUIRED, null,
                s("currency", 1), s("currency code", 1), s("order currency", 1), s("currency iso", 0.95),
                s("iso currency", 0.9), s("presentment currency", 0.7)));
        payment(targets);
        targets.add(t("fulfillmentStatus", Place.ORDER, ValueShape.TEXT, OPTIONAL, "statuses",
                s("fulfillment status", 1), s("fulfilment status", 1), s("shipping status", 0.9),
                s("shipment status", 0.9), s("status", 0.5), s("state", 0.4)));
        targets.add(t("shippingMethod", Place.ORDER, ValueShape.TEXT, OPTIONAL, null,
                s("shipping method", 1), s("delivery method", 1), s("shipping description", 0.9),
                s("shipping service", 0.9), s("shipping title", 0.8), s("carrier", 0.7)));
        targets.add(t("notes", Place.ORDER, ValueShape.TEXT, OPTIONAL, null,
                s("note", 1), s("notes", 1), s("customer note", 1), s("order notes", 1), s("comment", 0.8),
                s("comments", 0.8), s("instructions", 0.8), s("message", 0.5)));
        return List.copyOf(targets);
    }

    /** Both addresses; of the shipping address only the first line and the country are needed for most orders. */
    private static void address(List<Target> targets, String prefix, Place place) {
        String group = prefix + " lines";
        int cityAndPostalCode = place == Place.BILLING ? IMPORTANT : OPTIONAL;
        targets.add(t(prefix + ".name", place, ValueShape.PERSON_NAME, OPTIONAL, null,
                s("full name", 1), s("name", 0.9), s("contact name", 0.9), s("recipient name", 0.9)));
        targets.add(t(prefix + ".company", place, ValueShape.TEXT, OPTIONAL, null, company()));
        targets.add(t(prefix + ".line1", place, ValueShape.TEXT, IMPORTANT, group,
                s("address 1", 1), s("address line 1", 1), s("street 1", 1), s("line 1", 1), s("street line 1", 1),
                s("street", 0.95, FIRST_LINE), s("street address", 0.95, FIRST_LINE), s("address", 0.8, FIRST_LINE)));
        targets.add(t(prefix + ".line2", place, ValueShape.TEXT, OPTIONAL, group,
                s("address 2", 1), s("address line 2", 1), s("street 2", 1), s("line 2", 1), s("street line 2", 1),
                s("street", 0.4, SECOND_LINE), s("street address", 0.4, SECOND_LINE)));
        targets.add(t(prefix + ".city", place, ValueShape.TEXT, cityAndPostalCode, null,
                s("city", 1), s("town", 0.9), s("locality", 0.9), s("suburb", 0.7)));
        targets.add(t(prefix + ".regionCode", place, ValueShape.REGION, OPTIONAL, null,
                s("region code", 1), s("state code", 1), s("province code", 1), s("state", 0.9),
                s("province", 0.9), s("region", 0.85), s("county", 0.5)));
        targets.add(t(prefix + ".postalCode", place, ValueShape.POSTAL_CODE, cityAndPostalCode, null,
                s("postal code", 1), s("postcode", 1), s("zip", 1), s("zip code", 1), s("post code", 1),
                s("postal", 0.9), s("pin code", 0.8)));
        targets.add(t(prefix + ".countryCode", place, ValueShape.COUNTRY, IMPORTANT, null,
                s("country code", 1), s("country iso 2", 1), s("country iso", 0.95), s("iso country", 0.95),
                s("country", 0.95), s("country id", 0.9)));
        targets.add(t(prefix + ".phone", place, ValueShape.PHONE, OPTIONAL, null, phone()));
    }

    private static void lines(List<Target> targets) {
        targets.add(LINES);
        String group = "line fields";
        targets.add(t("lines[].sourceLineId", Place.LINE, ValueShape.ID, OPTIONAL, group,
                s("id", 1), s("line id", 1), s("item id", 1), s("line item id", 1), s("line number", 0.7)));
        targets.add(t("lines[].sku", Place.LINE, ValueShape.ID, REQUIRED, group,
                s("sku", 1), s("product sku", 1), s("variant sku", 0.9), s("item code", 0.9), s("product code", 0.9),
                s("part number", 0.9), s("item number", 0.8), s("article number", 0.8), s("code", 0.6),
                s("model", 0.5), s("mpn", 0.5)));
        targets.add(t("lines[].description", Place.LINE, ValueShape.TEXT, OPTIONAL, group,
                s("description", 1), s("product name", 0.95), s("item name", 0.95), s("name", 0.9), s("title", 0.9),
                s("label", 0.6)));
        targets.add(t("lines[].quantity", Place.LINE, ValueShape.QUANTITY, REQUIRED, group,
                s("quantity", 1), s("qty", 1), s("qty ordered", 1), s("quantity ordered", 1), s("ordered qty", 1),
                s("amount", 0.7), s("count", 0.7), s("units", 0.7)));
        targets.add(t("lines[].unitPrice", Place.LINE, ValueShape.MONEY, REQUIRED, group,
                s("price", 1), s("unit price", 1), s("item price", 1), s("price each", 0.95), s("net price", 0.9),
                s("selling price", 0.9), s("price ex tax", 0.9), s("base price", 0.85), s("sale price", 0.8),
                s("price inc", 0.8), s("price inc tax", 0.7), s("unit cost", 0.7)));
        targets.add(t("lines[].tax", Place.LINE, ValueShape.MONEY, OPTIONAL, group,
                s("tax", 1), s("tax amount", 1), s("total tax", 1), s("line tax", 1), s("tax total", 1),
                s("vat", 0.9)));
    }

    private static void totals(List<Target> targets) {
        String group = "totals";
        targets.add(t("totals.subtotal", Place.ORDER, ValueShape.MONEY, REQUIRED, group,
                s("subtotal", 1), s("sub total", 1), s("items subtotal", 0.95), s("subtotal ex tax", 0.95),
                s("subtotal price", 0.95), s("items total", 0.9), s("line items total", 0.9),
                s("total line items price", 0.9), s("merchandise total", 0.9)));
        targets.add(t("totals.tax", Place.ORDER, ValueShape.MONEY, IMPORTANT, group,
                s("total tax", 1), s("tax amount", 1), s("tax total", 1), s("tax", 0.95), s("taxes", 0.95),
                s("sales tax", 0.95), s("vat", 0.9), s("tax price", 0.8), s("cart tax", 0.7)));
        targets.add(t("totals.shipping", Place.ORDER, ValueShape.MONEY, IMPORTANT, group,
                s("shipping total", 1), s("total shipping", 1), s("shipping amount", 1), s("shipping price", 1),
                s("shipping cost", 1), s("shipping", 0.95), s("freight", 0.9), s("shipping fee", 0.9),
                s("shipping charge", 0.9), s("shipping handling", 0.9), s("delivery", 0.8), s("handling", 0.6)));
        targets.add(t("totals.discount", Place.ORDER, ValueShape.MONEY, OPTIONAL, group,
                s("discount total", 1), s("total discount", 1), s("total discounts", 1), s("discount amount", 1),
                s("discount", 0.95), s("discounts", 0.95), s("coupon", 0.8), s("savings", 0.7), s("promotion", 0.6)));
        targets.add(t("totals.total", Place.ORDER, ValueShape.MONEY, REQUIRED, group,
                s("grand total", 1), s("order total", 1), s("total price", 1), s("total amount", 1),
                s("total inc tax", 1), s("total incl tax", 1), s("total", 0.95), s("total due", 0.6),
                s("total paid", 0.6), s("amount", 0.6)));
    }

    private static void payment(List<Target> targets) {
        targets.add(t("payment.method", Place.PAYMENT, ValueShape.TEXT, OPTIONAL, null,
                s("payment method", 1), s("method", 0.9), s("method name", 0.9), s("payment gateway", 0.9),
                s("gateway", 0.8), s("payment type", 0.8), s("payment method title", 0.85)));
        targets.add(t("payment.terms", Place.PAYMENT, ValueShape.TEXT, OPTIONAL, null,
                s("payment terms", 1), s("terms", 0.9)));
        targets.add(t("payment.poNumber", Place.PAYMENT, ValueShape.TEXT, OPTIONAL, null,
                s("po number", 1), s("purchase order number", 1), s("purchase order", 0.9), s("po", 0.8)));
        targets.add(t("payment.transactionId", Place.PAYMENT, ValueShape.ID, OPTIONAL, "ids",
                s("transaction id", 1), s("last trans id", 0.9), s("payment id", 0.8), s("charge id", 0.8),
                s("transaction", 0.8)));
        targets.add(t("payment.amount", Place.PAYMENT, ValueShape.MONEY, OPTIONAL, null,
                s("amount paid", 1), s("paid amount", 1), s("captured amount", 1), s("payment amount", 1),
                s("transaction amount", 0.95), s("amount ordered", 0.9), s("payment value", 0.9),
                s("transaction value", 0.9), s("transactions value", 0.9), s("amount", 0.6)));
        targets.add(t("payment.status", Place.PAYMENT, ValueShape.TEXT, OPTIONAL, "statuses",
                s("payment status", 1), s("financial status", 1), s("status", 0.6)));
    }

    private static List<Synonym> company() {
        return List.of(s("company", 1), s("company name", 1), s("organization", 0.9), s("organisation", 0.9),
                s("business name", 0.9));
    }

    private static List<Synonym> phone() {
        return List.of(s("phone", 1), s("telephone", 1), s("phone number", 1), s("tel", 0.8), s("mobile", 0.8));
    }

    private static Target t(String name, Place place, ValueShape shape, int weight, String group,
                            Synonym... synonyms) {
        return new Target(name, place, shape, weight, group, List.of(synonyms));
    }

    private static Target t(String name, Place place, ValueShape shape, int weight, String group,
                            List<Synonym> synonyms) {
        return new Target(name, place, shape, weight, group, synonyms);
    }

    private static Synonym s(String phrase, double weight) {
        return Synonym.of(phrase, weight);
    }

    private static Synonym s(String phrase, double weight, Synonym.Reshape reshape) {
        return Synonym.of(phrase, weight, reshape);
    }
}
