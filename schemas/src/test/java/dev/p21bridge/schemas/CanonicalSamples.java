package dev.p21bridge.schemas;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Fully populated instances of every canonical record, every optional field set, for tests that need realistic
 * records: serde round trips, topology tests, sink tests. Money and quantities have scale 4, as the schemas demand.
 */
public final class CanonicalSamples {

    public static final Instant EVENT_TIME = Instant.parse("2024-05-06T14:30:15.123Z");
    public static final Instant CHANGED_AT = Instant.parse("2024-05-06T14:29:59.001Z");

    private CanonicalSamples() {
    }

    /** One of each of the eight top-level canonical records. */
    public static List<SpecificRecord> all() {
        return List.of(order(), customer(), inventoryLevel(), shipment(), product(), paymentCapture(), returnRequest(),
                orderConfirmation());
    }

    public static BigDecimal money(String value) {
        return new BigDecimal(value).setScale(4);
    }

    public static Address address() {
        return Address.newBuilder().setName("Dana Whitfield").setCompany("Whitfield Plumbing Supply")
                .setLine1("1200 Industrial Blvd").setLine2("Dock 4").setCity("Houston").setRegionCode("TX")
                .setPostalCode("77002").setCountryCode("US").setPhone("+1 713 555 0142").build();
    }

    public static Order order() {
        return Order.newBuilder()
                .setOrderKey("xcart:100234").setSource(Source.XCART).setSourceEventId("evt-7f3a9c")
                .setChangeType(ChangeType.CREATED).setEventTime(EVENT_TIME).setOrderId("100234")
                .setOrderNumber("XC-100234").setOrderDate(CHANGED_AT).setStorefrontCustomerId("cust-8812")
                .setCustomer(Contact.newBuilder().setEmail("dana@whitfield.example").setFirstName("Dana")
                        .setLastName("Whitfield").setCompany("Whitfield Plumbing Supply").setPhone("+1 713 555 0142").build())
                .setBillingAddress(address()).setShippingAddress(address())
                .setLines(List.of(
                        OrderLine.newBuilder().setLineNumber(1).setSourceLineId("li-1").setSku("PVC-SCH40-2IN")
                                .setP21ItemId("PVC-SCH40-2IN").setDescription("PVC pipe, schedule 40, 2 in x 10 ft")
                                .setQuantity(money("12")).setUnitPrice(money("18.4950")).setTax(money("18.3100"))
                                .setExtendedPrice(money("221.9400")).build(),
                        OrderLine.newBuilder().setLineNumber(2).setSourceLineId("li-2").setSku("VLV-BALL-1IN")
                                .setP21ItemId("P21-VLV-0001").setDescription("Brass ball valve 1 in")
                                .setQuantity(money("3")).setUnitPrice(money("42.5000")).setTax(money("10.5200"))
                                .setExtendedPrice(money("127.5000")).build()))
                .setTotals(Totals.newBuilder().setSubtotal(money("349.4400")).setDiscount(money("10.0000"))
                        .setTax(money("28.8300")).setShipping(money("15.0000")).setTotal(money("383.2700")).build())
                .setCurrency("USD")
                .setPayment(payment())
                .setFulfillmentStatus(FulfillmentStatus.NEW).setShippingMethod("UPS Ground")
                .setNotes("Deliver to dock 4 before noon")
                .setP21(P21OrderDefaults.newBuilder().setSalesLocationId("10").setSourceLocationId("10")
                        .setTaker("WEBORDER").setRequestedDate(LocalDate.of(2024, 5, 8)).build())
                .build();
    }

    public static PaymentInfo payment() {
        return PaymentInfo.newBuilder().setMethod("Credit Card").setTerms("Net 30").setPoNumber("PO-55821")
                .setTransactionId("txn-0a1b2c").setAmount(money("383.2700")).setStatus(PaymentStatus.PAID).build();
    }

    public static Customer customer() {
        return Customer.newBuilder()
                .setEmail("dana@whitfield.example").setSource(Source.CLARITY).setSourceEventId("evt-c-221")
                .setChangeType(ChangeType.UPDATED).setEventTime(EVENT_TIME).setSourceCustomerId("C-4411")
                .setP21CustomerId("100045").setFirstName("Dana").setLastName("Whitfield")
                .setCompany("Whitfield Plumbing Supply").setPhone("+1 713 555 0142")
                .setBillingAddress(address()).setShippingAddress(address()).setChangedAt(CHANGED_AT)
                .setOrigin("p21-sink").build();
    }

    public static InventoryLevel inventoryLevel() {
        return InventoryLevel.newBuilder()
                .setSku("PVC-SCH40-2IN").setP21ItemId("PVC-SCH40-2IN").setSource(Source.P21)
                .setSourceEventId("inv_loc:PVC-SCH40-2IN:10:2024-05-06T14:29:59").setEventTime(EVENT_TIME)
                .setChangedAt(CHANGED_AT)
                .setLocations(List.of(
                        StockLocation.newBuilder().setLocationId("10").setOnHand(money("140")).setAllocated(money("12"))
                                .setAvailable(money("128")).setChangedAt(CHANGED_AT).build(),
                        StockLocation.newBuilder().setLocationId("20").setOnHand(money("35.5")).setAllocated(money("0"))
                                .setAvailable(money("35.5")).setChangedAt(CHANGED_AT).build()))
                .setReserved(money("4")).setAvailable(money("159.5")).build();
    }

    public static Shipment shipment() {
        return Shipment.newBuilder()
                .setOrderKey("clarity:SO-88120").setSource(Source.CLARITY).setOrderId("SO-88120")
                .setSourceEventId("oe_pick_ticket:7781").setEventTime(EVENT_TIME).setP21OrderNo("1004567")
                .setPickTicketNo("7781").setCarrier("UPS").setTrackingNumbers(List.of("1Z999AA10123456784", "1Z999AA10123456785"))
                .setShippedAt(CHANGED_AT)
                .setLines(List.of(ShipmentLine.newBuilder().setP21ItemId("P21-VLV-0001").setSku("VLV-BALL-1IN")
                        .setQuantity(money("3")).build()))
                .build();
    }

    public static Product product() {
        return Product.newBuilder()
                .setSku("VLV-BALL-1IN").setP21ItemId("P21-VLV-0001").setSource(Source.P21)
                .setSourceEventId("inv_mast:P21-VLV-0001:2024-05-06T14:29:59").setEventTime(EVENT_TIME)
                .setChangedAt(CHANGED_AT).setDescription("Brass ball valve 1 in, full port")
                .setPrice(money("1367.6900")).setCurrency("USD").build();
    }

    public static PaymentCapture paymentCapture() {
        return PaymentCapture.newBuilder()
                .setOrderKey("xcart:100234").setSource(Source.XCART).setOrderId("100234").setSourceEventId("evt-pay-31")
                .setEventTime(EVENT_TIME).setCapturedAt(CHANGED_AT).setCurrency("USD").setPayment(payment())
                .setKind(PaymentKind.CAPTURE).build();
    }

    public static ReturnRequest returnRequest() {
        return ReturnRequest.newBuilder()
                .setOrderKey("xcart:100234").setSource(Source.XCART).setOrderId("100234").setReturnId("RMA-2201")
                .setSourceEventId("evt-ret-9").setEventTime(EVENT_TIME).setRequestedAt(CHANGED_AT)
                .setReason("Wrong size")
                .setLines(List.of(ReturnLine.newBuilder().setSku("VLV-BALL-1IN").setP21ItemId("P21-VLV-0001")
                        .setQuantity(money("1")).setRefundAmount(money("42.5000")).setReason("Ordered 3/4 in").build()))
                .setRefundTotal(money("42.5000")).build();
    }

    public static OrderConfirmation orderConfirmation() {
        return OrderConfirmation.newBuilder()
                .setOrderKey("xcart:100234").setSource(Source.XCART).setOrderId("100234").setP21OrderNo("1004566")
                .setP21CustomerId("100045").setSourceEventId("evt-7f3a9c").setConfirmedAt(CHANGED_AT)
                .setAlreadyExisted(false).build();
    }
}
