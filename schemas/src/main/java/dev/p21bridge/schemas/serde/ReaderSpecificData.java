package dev.p21bridge.schemas.serde;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * A generated class's own model (same class loader, same logical-type conversions) that reads Avro arrays into
 * {@link ArrayList}s. Avro's default {@code GenericData.Array} compares its elements with a model that has no
 * conversions, so a record holding a list of records with optional decimals would never equal the record written.
 */
final class ReaderSpecificData extends SpecificData {

    ReaderSpecificData(SpecificData generated) {
        super(generated.getClassLoader());
        generated.getConversions().forEach(this::addLogicalTypeConversion);
    }

    @Override
    public Object newArray(Object old, int size, Schema schema) {
        if (old instanceof Collection<?> reused) {
            reused.clear();
            return reused;
        }
        return new ArrayList<>(size);
    }
}
