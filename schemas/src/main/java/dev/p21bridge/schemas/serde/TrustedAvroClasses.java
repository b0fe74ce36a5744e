package dev.p21bridge.schemas.serde;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Since 1.12 Avro refuses to load a class named in a schema unless it is trusted (system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} or {@link ClassSecurityValidator#setGlobal}), which includes the
 * generated record and enum classes a specific reader creates, and the enum classes a writer or builder looks up
 * for a default. A deserializer trusts exactly the generated classes of the record type it was built for, a
 * serializer those of the records it is given, never a name that arrives with data. The trust is JVM-wide and only grows;
 * whatever was trusted before stays trusted.
 */
final class TrustedAvroClasses {

    private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();
    private static boolean installed;

    private TrustedAvroClasses() {
    }

    /** Trusts the classes of every named type (record, enum, fixed) in the generated class's own schema. */
    static void trustGeneratedClassesOf(Schema readerSchema) {
        if (readerSchema.getType() == Schema.Type.RECORD && TRUSTED.contains(SpecificData.getClassName(readerSchema))) {
            return;
        }
        collect(readerSchema, new HashSet<>());
        install();
    }

    private static synchronized void install() {
        if (!installed) {
            ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before, type -> TRUSTED.contains(type.getName())));
            installed = true;
        }
    }

    private static void collect(Schema schema, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    TRUSTED.add(SpecificData.getClassName(schema));
                    schema.getFields().forEach(field -> collect(field.schema(), seen));
                }
            }
            case ENUM, FIXED -> TRUSTED.add(SpecificData.getClassName(schema));
            case ARRAY -> collect(schema.getElementType(), seen);
            case MAP -> collect(schema.getValueType(), seen);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, seen));
            default -> {
            }
        }
    }
}
