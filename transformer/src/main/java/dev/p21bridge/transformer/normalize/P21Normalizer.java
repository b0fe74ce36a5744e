package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.OrderStatusLine;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.ShipmentLine;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.inventory.StockReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

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
    private final Map<String, Source> stores;

    /** @param stores the stores of {@code BRIDGE_STORES} and their sources: the prefixes a web reference may have */
    public P21Normalizer(Function<String, List<String>> skusOfItem, Map<String, Source> stores) {
        this.skusOfItem = skusOfItem;
        this.stores = Map.copyOf(stores);
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
        Optional<WebReference> reference = WebReference.parse(order.optionalText("web_reference_no"), stores);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        String tracking = ticket.optionalText("tracking_no");
        Boolean complete = order.has("completed") ? flag(order, "completed", "oe_hdr") : null;
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
                .setOrderComplete(complete)
                .build());
    }

    /**
     * The status a pick ticket gives its storefront order: shipped when the ticket completed the order (every line
     * shipped, {@code oe_hdr.completed = 'Y'} as polled with the ticket), else partly shipped with the ticket's lines.
     * Empty when the shipment does not say whether the order is complete (a row polled before the poller read it).
     */
    public Optional<OrderStatus> shipmentStatus(Shipment shipment) {
        if (shipment.getOrderComplete() == null) {
            return Optional.empty();
        }
        boolean complete = shipment.getOrderComplete();
        return Optional.of(OrderStatus.newBuilder()
                .setOrderKey(shipment.getOrderKey())
                .setSource(shipment.getSource())
                .setOrderId(shipment.getOrderId())
                .setSourceEventId(shipment.getSourceEventId())
                .setEventTime(shipment.getEventTime())
                .setP21OrderNo(shipment.getP21OrderNo())
                .setStatus(complete ? OrderStatusCode.SHIPPED : OrderStatusCode.PARTLY_SHIPPED)
                .setP21Status("oe_pick_ticket " + shipment.getPickTicketNo() + ", oe_hdr.completed="
                        + (complete ? "Y" : "N"))
                .setChangedAt(shipment.getShippedAt())
                .setPickTicketNo(shipment.getPickTicketNo())
                .setLines(shipment.getLines().stream().map(l -> new OrderStatusLine(l.getP21ItemId(), l.getSku(),
                        l.getQuantity())).toList())
                .build());
    }

    /**
     * {@code oe_hdr}: cancelled when {@code cancel_flag = 'Y'}; else, while it is not complete, held when
     * {@code approved = 'N'}, released when {@code approved = 'Y'} and {@code wasHeld} says the order's last status was
     * held, accepted otherwise (and for rows of pollers that do not read {@code approved}). A complete order gives
     * nothing here, its last pick ticket says shipped. Empty too for an order no storefront placed and for an RMA
     * ({@code rma_flag = 'Y'}), whose refund comes back as a credit memo. A flag other than Y or N is a {@code mapping}
     * error.
     */
    public Optional<OrderStatus> orderStatus(RawEvent event, Predicate<String> wasHeld) {
        JsonFields json = event.fields();
        String orderNo = json.id("order_no");
        String row = "oe_hdr " + orderNo;
        Optional<WebReference> reference = WebReference.parse(json.optionalText("web_reference_no"), stores);
        boolean cancelled = flag(json, "cancel_flag", row);
        boolean completed = flag(json, "completed", row);
        boolean rma = flag(json, "rma_flag", row);
        Boolean approved = json.has("approved") ? flag(json, "approved", row) : null;
        if (reference.isEmpty() || rma || (completed && !cancelled)) {
            return Optional.empty();
        }
        OrderStatusCode status;
        String p21Status;
        if (cancelled) {
            status = OrderStatusCode.CANCELLED;
            p21Status = "oe_hdr.cancel_flag=Y";
        } else if (Boolean.FALSE.equals(approved)) {
            status = OrderStatusCode.HELD;
            p21Status = "oe_hdr on hold (approved=N)";
        } else if (approved != null && wasHeld.test(reference.get().orderKey())) {
            status = OrderStatusCode.RELEASED;
            p21Status = "oe_hdr released from hold (approved=Y)";
        } else {
            status = OrderStatusCode.ACCEPTED;
            p21Status = "oe_hdr open (cancel_flag=N, completed=N)";
        }
        return Optional.of(OrderStatus.newBuilder()
                .setOrderKey(reference.get().orderKey())
                .setSource(reference.get().source())
                .setOrderId(reference.get().orderId())
                .setSourceEventId(event.eventId())
                .setEventTime(event.receivedAt())
                .setP21OrderNo(orderNo)
                .setStatus(status)
                .setP21Status(p21Status)
                .setChangedAt(json.instant("date_last_modified"))
                .setPickTicketNo(null)
                .setLines(List.of())
                .build());
    }

    private static boolean flag(JsonFields json, String field, String row) {
        return P21Flags.flag(json, field, row, "order-status");
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
