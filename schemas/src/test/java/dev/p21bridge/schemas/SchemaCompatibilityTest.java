package dev.p21bridge.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract says every canonical schema change is BACKWARD compatible: a consumer built with today's classes must
 * read everything ever written. Each released schema is kept in {@code src/test/resources/released/}; when a
 * release changes a schema, the new version is written there after this test passes.
 */
class SchemaCompatibilityTest {

    static Stream<Schema> canonicalSchemas() {
        return Stream.of(Order.getClassSchema(), Customer.getClassSchema(), InventoryLevel.getClassSchema(),
                Shipment.getClassSchema(), Product.getClassSchema(), PaymentCapture.getClassSchema(),
                ReturnRequest.getClassSchema(), OrderConfirmation.getClassSchema(), OrderStatus.getClassSchema(),
                Invoice.getClassSchema(), PaymentReceipt.getClassSchema(),
                OrderReconciliation.getClassSchema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalSchemas")
    void shouldReadEverythingWrittenWithTheReleasedSchema(Schema current) throws IOException {
        Schema released = released(current.getName());

        assertThat(backwardIncompatibilities(current, released))
                .as("%s must stay BACKWARD compatible with released/%s.avsc", current.getName(), current.getName())
                .isEmpty();
    }

    @Test
    void shouldCatchANewFieldWithoutADefault() throws IOException {
        Schema released = released("Order");
        List<Schema.Field> fields = new ArrayList<>(released.getFields().stream()
                .map(field -> new Schema.Field(field, field.schema())).toList());
        fields.add(new Schema.Field("warehouseId", SchemaBuilder.builder().stringType()));
        Schema withRequiredField = Schema.createRecord(released.getName(), released.getDoc(), released.getNamespace(),
                false, fields);

        assertThat(backwardIncompatibilities(withRequiredField, released))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("warehouseId");
    }

    @Test
    void shouldCatchAChangedFieldType() throws IOException {
        Schema released = released("Product");
        Schema priceAsInt = new Schema.Parser().parse(released.toString()
                .replace("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4}", "\"int\""));
        assertThat(priceAsInt.getField("price").schema().getType()).isEqualTo(Schema.Type.INT);

        assertThat(backwardIncompatibilities(priceAsInt, released)).isNotEmpty();
    }

    /** What a reader with {@code current} cannot read of data written with {@code released}: Avro's own rules. */
    private static List<Incompatibility> backwardIncompatibilities(Schema current, Schema released) {
        return SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult().getIncompatibilities();
    }

    private static Schema released(String recordName) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/released/" + recordName + ".avsc")) {
            assertThat(in).as("released/%s.avsc is missing: add the released schema of every canonical record", recordName)
                    .isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
