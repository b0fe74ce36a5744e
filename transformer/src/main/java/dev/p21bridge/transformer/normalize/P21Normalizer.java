package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.ShipmentLine;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.inventory.StockReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * P21 rows as the change poller writes them to {@code raw.p21} (OData snake_case, numbers as JSON numbers) to
 * canonical records. P21 speaks item ids; storefronts speak SKUs, so item-keyed records are published under every
 * storefront SKU of the item ({@code skusOfItem}, the SKU cross-reference read backwards).
 *
 * <p>Two kinds of rows are not errors and give no record (an empty result, which the caller counts): a pick
 * ticket of an order that did not come from a storefront, and a customer without an e-mail address, the
 * canonical customer key.
 */
public final class P21Normalizer {

    public static final String ORIGIN = "p21";

    private final Function<String, List<String>> skusOfItem;

    public P21Normalizer(Function<String, List<String>> skusOfItem) {
        this.skusOfItem = skusOfItem;
    }

    /** {@code inv_mast}: price and description, one product per storefront SKU of the item. */
    public List<Product> products(RawEvent event) {
        JsonFields json = event.fields();
        String itemId = json.text("item_id", FieldLimits.ID);
        String description = json.optionalText("item_desc");
        var price = Money.of(json.decimal("list_price"), () -> json.path("list_price"));
        Instant changedAt = json.instant("date_last_modified");
        return skusOfItem.apply(itemId).stream().map(sku -> Product.newBuilder()
                .setSku(sku)
                .setP21ItemId(itemId)
                .setSource(Source.P21)
                .setSourceEventId(event.eventId())
                .setEventTime(event.receivedAt())
                .setChangedAt(changedAt)
                .setDescription(description)
                .setPrice(price)
                .build()).toList();
    }

    /** {@code inv_loc}: one location's stock of one item. */
    public StockReading reading(RawEvent event) {
        JsonFields json = event.fields();
        return new StockReading(json.text("item_id", FieldLimits.ID), json.id("location_id"),
                Money.of(json.decimal("qty_on_hand"), () -> json.path("qty_on_hand")),
                Money.of(json.decimal("qty_allocated"), () -> json.path("qty_allocated")),
                json.instant("date_last_modified").toEpochMilli(), event.eventId(), event.receivedAt().toEpochMilli());
    }

    /** {@code customer}: the P21 customer with its physical address as billing address; empty without an e-mail. */
    public Optional<Customer> customer(RawEvent event) {
        JsonFields json = event.fields();
        String customerId = json.id("customer_id");
        if (json.optionalText("email_address", FieldLimits.EMAIL) == null) {
            return Optional.empty();
        }
        String first = json.optionalText("first_name");
        String last = json.optionalText("last_name");
        String fullName = first == null ? last : last == null ? first : first + " " + last;
        String customerName = json.optionalText("customer_name");
        // the p21-sink names a customer without a company after the person; that is no company
        String company = customerName == null || customerName.equalsIgnoreCase(fullName) ? null : customerName;
        String phone = json.optionalText("central_phone_number");
        return Optional.of(Customer.newBuilder()
                .setEmail(Emails.normalize(json.optionalText("email_address", FieldLimits.EMAIL), () -> json.path("email_address")))
                .setSource(Source.P21)
                .setSourceEventId(event.eventId())
                .setChangeType(ChangeType.UPDATED)
                .setEventTime(event.receivedAt())
                .setSourceCustomerId(customerId)
                .setP21CustomerId(customerId)
                .setFirstName(first)
                .setLastName(last)
                .setCompany(company)
                .setPhone(phone)
                .setBillingAddress(physicalAddress(json, fullName, company, phone))
                .setShippingAddress(null)
                .setChangedAt(json.instant("date_last_modified"))
                .setOrigin(ORIGIN)
                .build());
    }

    /**
     * {@code oe_pick_ticket} with its details and its order's header: a shipment of the storefront order named by
     * {@code web_reference_no}; empty when the order is not a storefront order.
     */
    public Optional<Shipment> shipment(RawEvent event) {
        JsonFields json = event.fields();
        JsonFields ticket = json.object("pick_ticket");
        JsonFields order = json.object("order");
        Optional<WebReference> reference = WebReference.parse(order.optionalText("web_reference_no"));
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        String tracking = ticket.optionalText("tracking_no");
        return Optional.of(Shipment.newBuilder()
                .setOrderKey(reference.get().orderKey())
                .setSource(reference.get().source())
                .setOrderId(reference.get().orderId())
                .setSourceEventId(event.eventId())
                .setEventTime(event.receivedAt())
                .setP21OrderNo(order.has("order_no") ? order.id("order_no") : ticket.id("order_no"))
                .setPickTicketNo(ticket.id("pick_ticket_no"))
                .setCarrier(ticket.optionalText("carrier_id"))
                .setTrackingNumbers(tracking == null ? List.of() : List.of(tracking))
                .setShippedAt(ticket.has("ship_date") ? ticket.instant("ship_date") : ticket.instant("date_last_modified"))
                .setLines(shipmentLines(json))
                .build());
    }

    private List<ShipmentLine> shipmentLines(JsonFields json) {
        List<ShipmentLine> lines = new ArrayList<>();
        for (JsonFields detail : json.array("details")) {
            String itemId = detail.text("item_id", FieldLimits.ID);
            String field = detail.has("ship_quantity") ? "ship_quantity" : "qty_shipped";
            List<String> skus = skusOfItem.apply(itemId);
            lines.add(ShipmentLine.newBuilder()
                    .setP21ItemId(itemId)
                    .setSku(skus.size() == 1 ? skus.get(0) : null)
                    .setQuantity(Money.of(detail.decimal(field), () -> detail.path(field)))
                    .build());
        }
        return lines;
    }

    private static Address physicalAddress(JsonFields json, String name, String company, String phone) {
        String line1 = json.optionalText("phys_address1");
        if (line1 == null) {
            return null;
        }
        String region = json.optionalText("phys_state");
        return Address.newBuilder()
                .setName(name)
                .setCompany(company)
                .setLine1(line1)
                .setLine2(json.optionalText("phys_address2"))
                .setCity(json.text("phys_city"))
                .setRegionCode(region == null ? null : region.toUpperCase(Locale.ROOT))
                .setPostalCode(json.optionalText("phys_postal_code"))
                .setCountryCode(CountryCodes.toAlpha2(json.optionalText("phys_country"), () -> json.path("phys_country")))
                .setPhone(phone)
                .build();
    }
}
