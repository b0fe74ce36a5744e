package dev.p21bridge.schemas.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's writer for generated records, with the branch of an optional field ({@code ["null", T]} or
 * {@code [T, "null"]}) picked by a null check. Avro's own resolution names the value's schema and looks that name up
 * in the union for every optional field of every record, about a quarter of the time it takes to encode a canonical
 * order, which the transformer does for every order (docs/benchmarks.md, transformer). The bytes are the same: null
 * takes the null branch and any other value the other one, as Avro's resolution has it for every value it can write;
 * any other union is resolved by Avro.
 */
final class OptionalFieldWriter<T> extends SpecificDatumWriter<T> {

    OptionalFieldWriter(Schema schema, SpecificData model) {
        super(schema, model);
    }

    @Override
    protected int resolveUnion(Schema union, Object datum) {
        List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            if (branches.get(0).getType() == Schema.Type.NULL) {
                return datum == null ? 0 : 1;
            }
            if (branches.get(1).getType() == Schema.Type.NULL) {
                return datum == null ? 1 : 0;
            }
        }
        return super.resolveUnion(union, datum);
    }
}
