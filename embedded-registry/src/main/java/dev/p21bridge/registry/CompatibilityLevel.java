package dev.p21bridge.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility;

/**
 * Confluent's compatibility levels, decided with Avro's own schema-resolution rules ({@link SchemaCompatibility}).
 *
 * <p>BACKWARD: a consumer with the new schema reads data written with the old one. FORWARD: a consumer with the old
 * schema reads data written with the new one. FULL: both. {@code _TRANSITIVE}: against every earlier version, not
 * only the latest. NONE: no check.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** The level named {@code name}, in any case; {@link IllegalArgumentException} for anything else. */
    public static CompatibilityLevel parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("compatibility level is missing");
        }
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether {@code candidate} must be checked against every earlier version rather than only the latest. */
    public boolean isTransitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** The earlier versions (oldest first) that {@code candidate} must be checked against under this level. */
    public <T> List<T> versionsToCheck(List<T> earlierOldestFirst) {
        if (this == NONE || earlierOldestFirst.isEmpty()) {
            return List.of();
        }
        return isTransitive() ? earlierOldestFirst : List.of(earlierOldestFirst.get(earlierOldestFirst.size() - 1));
    }

    /**
     * Why {@code candidate} may not follow {@code earlier} under this level; empty when it may. Each entry reads
     * like Confluent's: {@code {errorType:'...', description:'...', additionalInfo:'...'}}.
     */
    public List<String> incompatibilities(Schema candidate, Schema earlier) {
        List<String> problems = new ArrayList<>();
        if (this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE) {
            problems.addAll(problems(candidate, earlier, "the new schema cannot read data written with the old schema"));
        }
        if (this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE) {
            problems.addAll(problems(earlier, candidate, "the old schema cannot read data written with the new schema"));
        }
        return problems;
    }

    private static List<String> problems(Schema reader, Schema writer, String direction) {
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            problems.add("{errorType:'" + incompatibility.getType() + "', description:'" + direction + ": "
                    + incompatibility.getMessage() + " at path '" + incompatibility.getLocation() + "'', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
        return problems;
    }
}
