package dev.p21bridge.registry;

import dev.p21bridge.schemas.Order;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Variations of the canonical Order schema, to exercise compatibility rules. */
final class TestSchemas {

    private TestSchemas() {
    }

    static Schema order() {
        return Order.getClassSchema();
    }

    /** Order plus a string field without a default: not BACKWARD compatible. */
    static Schema orderWithRequiredField() {
        return withField(new Schema.Field("warehouseId", SchemaBuilder.builder().stringType()));
    }

    /** Order plus an optional field defaulting to null: BACKWARD compatible. */
    static Schema orderWithOptionalField() {
        return withField(new Schema.Field("warehouseId", SchemaBuilder.builder().nullable().stringType(), null,
                JsonProperties.NULL_VALUE));
    }

    private static Schema withField(Schema.Field extra) {
        Schema order = Order.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>(order.getFields().stream()
                .map(field -> new Schema.Field(field, field.schema())).toList());
        fields.add(extra);
        return Schema.createRecord(order.getName(), order.getDoc(), order.getNamespace(), false, fields);
    }
}
