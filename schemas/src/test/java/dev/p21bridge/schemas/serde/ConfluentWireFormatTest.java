package dev.p21bridge.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.CanonicalSamples;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Source;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    private static final String TOPIC = "canonical.order-confirmations";

    /*
     * The golden record below in Confluent wire format with schema id 42, derived by hand from the Avro 1.12
     * specification (strings: zigzag-varint byte length then UTF-8; enums: zigzag-varint index; long: zigzag varint;
     * boolean: one byte):
     *
     *   00                                  magic byte
     *   00 00 00 2a                         schema id 42, 4 bytes big-endian
     *   14 78 63 61 72 74 3a 31 30 30 31    orderKey "xcart:1001": length 10 -> zigzag 20 = 0x14, then UTF-8
     *   00                                  source XCART: enum index 0 -> zigzag 0
     *   08 31 30 30 31                      orderId "1001": length 4 -> 0x08
     *   0e 31 30 30 30 31 32 33             p21OrderNo "1000123": length 7 -> 0x0e
     *   0a 31 30 30 34 32                   p21CustomerId "10042": length 5 -> 0x0a
     *   0a 65 76 74 2d 31                   sourceEventId "evt-1": length 5 -> 0x0a
     *   dc ec 86 82 99 63                   confirmedAt 2024-01-02T03:04:05.678Z = 1704164645678 ms;
     *                                       zigzag (n << 1) = 3408329291356 = 0x3199041b65c; 7-bit groups, low first:
     *                                       5c 6c 06 02 19 63, continuation bit on all but the last
     *   01                                  alreadyExisted true
     *   00                                  p21CreatedAt null: union branch 0 -> zigzag 0
     *   00                                  skippedReason null: union branch 0 -> zigzag 0
     */
    private static final String GOLDEN_HEX = "00" + "0000002a"
            + "14" + "78636172743a31303031"
            + "00"
            + "08" + "31303031"
            + "0e" + "31303030313233"
            + "0a" + "3130303432"
            + "0a" + "6576742d31"
            + "dcec86829963"
            + "01"
            + "00"
            + "00";

    /** The same record written with the first released schema, which had no {@code p21CreatedAt}. */
    private static final String GOLDEN_HEX_V1 = GOLDEN_HEX.substring(0, GOLDEN_HEX.length() - 4);

    private StubSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new StubSchemaRegistry(42);
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private static OrderConfirmation golden() {
        return OrderConfirmation.newBuilder().setOrderKey("xcart:1001").setSource(Source.XCART).setOrderId("1001")
                .setP21OrderNo("1000123").setP21CustomerId("10042").setSourceEventId("evt-1")
                .setConfirmedAt(Instant.parse("2024-01-02T03:04:05.678Z")).setAlreadyExisted(true).build();
    }

    @Test
    void shouldWriteMagicByteSchemaIdAndAvroBinaryByteForByte() {
        byte[] bytes = new ConfluentAvroSerializer<>(client, OrderConfirmation.class).serialize(TOPIC, golden());

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN_HEX);
        assertThat(registry.requests()).containsExactly("POST /subjects/" + TOPIC + "-value/versions");
    }

    @Test
    void shouldReadTheGoldenBytesBackToAnEqualRecord() {
        registry.preload(42, OrderConfirmation.getClassSchema());

        OrderConfirmation read = new ConfluentAvroDeserializer<>(client, OrderConfirmation.class)
                .deserialize(TOPIC, HexFormat.of().parseHex(GOLDEN_HEX));

        assertThat(read).isEqualTo(golden());
    }

    @Test
    void shouldKeepADecimalExactWithItsScale() {
        ConfluentAvroSerde<Product> serde = new ConfluentAvroSerde<>(client, Product.class);

        Product read = serde.deserializer().deserialize("canonical.products",
                serde.serializer().serialize("canonical.products", CanonicalSamples.product()));

        assertThat(read.getPrice()).isEqualTo(new BigDecimal("1367.6900"));
        assertThat(read.getPrice().scale()).isEqualTo(4);
        assertThat(read).isEqualTo(CanonicalSamples.product());
    }

    @Test
    void shouldReadBackEveryCanonicalRecordEqualToTheOneWritten() {
        for (SpecificRecord sample : CanonicalSamples.all()) {
            ConfluentAvroSerde<SpecificRecord> serde = new ConfluentAvroSerde<>(client, type(sample));

            SpecificRecord read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, sample));

            assertThat(read).as(sample.getSchema().getName()).isEqualTo(sample);
        }
    }

    @Test
    void shouldWriteTheSameAvroBytesAsAvrosOwnWriterWithOptionalFieldsSetAndUnset() throws Exception {
        Order full = CanonicalSamples.order();
        Order sparse = Order.newBuilder(full).setStorefrontCustomerId(null).setBillingAddress(null)
                .setShippingMethod(null).setNotes(null)
                .setCustomer(Contact.newBuilder(full.getCustomer()).setCompany(null).setPhone(null).build())
                .setPayment(PaymentInfo.newBuilder(full.getPayment()).setTerms(null).setPoNumber(null)
                        .setTransactionId(null).setAmount(null).build())
                .setLines(List.of(OrderLine.newBuilder(full.getLines().get(0)).setSourceLineId(null)
                        .setDescription(null).build()))
                .build();
        List<SpecificRecord> records = new ArrayList<>(CanonicalSamples.all());
        records.add(sparse);
        records.add(golden());
        for (SpecificRecord record : records) {
            byte[] written = new ConfluentAvroSerializer<>(client, type(record)).serialize(TOPIC, record);

            assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(written, 5, written.length)))
                    .as(record.getSchema().getName()).isEqualTo(HexFormat.of().formatHex(avroBinary(record)));
        }
    }

    private static byte[] avroBinary(SpecificRecord record) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(record.getSchema(), ((SpecificRecordBase) record).getSpecificData())
                .write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    @Test
    void shouldReadIntoTheGeneratedClassTheWriterSchemaNamesWhenAskedForAnySpecificRecord() {
        ConfluentAvroSerde<SpecificRecord> serde = new ConfluentAvroSerde<>(client, SpecificRecord.class);

        SpecificRecord read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, golden()));

        assertThat(read).isInstanceOf(OrderConfirmation.class).isEqualTo(golden());
    }

    @SuppressWarnings("unchecked")
    private static Class<SpecificRecord> type(SpecificRecord sample) {
        return (Class<SpecificRecord>) sample.getClass();
    }

    @Test
    void shouldWriteAndReadNullAsATombstone() {
        ConfluentAvroSerde<Product> serde = new ConfluentAvroSerde<>(client, Product.class);

        assertThat(serde.serializer().serialize("canonical.products", null)).isNull();
        assertThat(serde.deserializer().deserialize("canonical.products", null)).isNull();
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void shouldReadARecordWrittenWithAnOlderSchemaFillingInTheNewFieldsDefault() throws Exception {
        Schema olderProduct = Schema.createRecord("Product", null, "dev.p21bridge.schemas", false,
                Product.getClassSchema().getFields().stream().filter(field -> !field.name().equals("currency"))
                        .map(field -> new Schema.Field(field, field.schema())).toList());
        registry.preload(7, olderProduct);
        Product sample = CanonicalSamples.product();
        GenericRecord older = new GenericRecordBuilder(olderProduct).set("sku", sample.getSku())
                .set("p21ItemId", sample.getP21ItemId()).set("source", new GenericData.EnumSymbol(
                        olderProduct.getField("source").schema(), "P21"))
                .set("sourceEventId", sample.getSourceEventId()).set("eventTime", sample.getEventTime())
                .set("changedAt", sample.getChangedAt()).set("description", sample.getDescription())
                .set("price", sample.getPrice()).build();
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0, 0, 0, 0, 7});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(olderProduct, model).write(older, encoder);
        encoder.flush();

        Product read = new ConfluentAvroDeserializer<>(client, Product.class)
                .deserialize("canonical.products", bytes.toByteArray());

        assertThat(read.getCurrency()).isEqualTo("USD");
        assertThat(read.getPrice()).isEqualTo(new BigDecimal("1367.6900"));
        assertThat(read.getSku()).isEqualTo(sample.getSku());
    }

    @Test
    void shouldRefuseAWrongMagicByteNamingTheTopic() {
        byte[] bytes = HexFormat.of().parseHex("01" + GOLDEN_HEX.substring(2));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client, OrderConfirmation.class).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("magic byte 0x01");
    }

    @Test
    void shouldRefuseBytesTooShortForTheHeader() {
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client, OrderConfirmation.class)
                .deserialize(TOPIC, new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("too short");
    }

    @Test
    void shouldRefuseAnUnknownSchemaId() {
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client, OrderConfirmation.class)
                .deserialize(TOPIC, HexFormat.of().parseHex(GOLDEN_HEX)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("unknown schema id 42");
    }

    @Test
    void shouldRefuseAvroThatEndsEarly() {
        registry.preload(42, OrderConfirmation.getClassSchema());
        byte[] truncated = HexFormat.of().parseHex(GOLDEN_HEX.substring(0, GOLDEN_HEX.length() - 10));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client, OrderConfirmation.class).deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("Avro decoding with schema id 42 failed");
    }

    @Test
    void shouldAskTheRegistryOnlyOnceForAKnownSchema() {
        ConfluentAvroSerde<OrderConfirmation> serde = new ConfluentAvroSerde<>(client, OrderConfirmation.class);

        for (int i = 0; i < 5; i++) {
            serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, golden()));
        }

        assertThat(registry.requests()).containsExactly("POST /subjects/" + TOPIC + "-value/versions");
    }

    @Test
    void shouldRegisterAKeySchemaUnderTheKeySubject() {
        ConfluentAvroSerializer<OrderConfirmation> serializer = new ConfluentAvroSerializer<>(client, OrderConfirmation.class);
        serializer.configure(Map.of(), true);

        serializer.serialize(TOPIC, golden());

        assertThat(registry.requests()).containsExactly("POST /subjects/" + TOPIC + "-key/versions");
    }

    @Test
    void shouldRefuseToWriteAnUnregisteredSchemaWhenAutoRegisterIsOff() {
        ConfluentAvroSerializer<OrderConfirmation> serializer = new ConfluentAvroSerializer<>(client, OrderConfirmation.class);
        serializer.configure(Map.of("auto.register.schemas", "false"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, golden()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject " + TOPIC + "-value");
        assertThat(registry.requests()).containsExactly("POST /subjects/" + TOPIC + "-value");
    }

    @Test
    void shouldRefuseASchemaTheRegistryFindsIncompatible() {
        registry.failWith(409, 409, "Schema being registered is incompatible with an earlier schema");

        assertThatThrownBy(() -> new ConfluentAvroSerializer<>(client, OrderConfirmation.class).serialize(TOPIC, golden()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("error 409");
    }

    @Test
    void shouldReadBytesWrittenWithThePreviousSchemaVersion() throws Exception {
        try (java.io.InputStream released = getClass().getResourceAsStream("/released/OrderConfirmation-v1.avsc")) {
            registry.preload(42, new org.apache.avro.Schema.Parser().parse(released));
        }

        OrderConfirmation read = new ConfluentAvroDeserializer<>(client, OrderConfirmation.class)
                .deserialize(TOPIC, HexFormat.of().parseHex(GOLDEN_HEX_V1));

        assertThat(read).isEqualTo(golden());
        assertThat(read.getP21CreatedAt()).isNull();
    }

    @Test
    void shouldWorkWhenBuiltByKafkaFromProperties() {
        Map<String, Object> props = Map.of("schema.registry.url", registry.url(),
                "specific.avro.value.type", OrderConfirmation.class.getName());
        ConfluentAvroSerializer<OrderConfirmation> serializer = new ConfluentAvroSerializer<>();
        ConfluentAvroDeserializer<OrderConfirmation> deserializer = new ConfluentAvroDeserializer<>();
        serializer.configure(props, false);
        deserializer.configure(props, false);

        byte[] bytes = serializer.serialize(TOPIC, golden());

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN_HEX);
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(golden());
    }
}
