package dev.p21bridge.registry;

/** A change to the registry's state, as stored in the schema log and replayed at start. */
sealed interface RegistryEvent {

    /** A schema became (or, when {@code deleted}, stopped being) version {@code version} of {@code subject}. */
    record SchemaRegistered(String subject, int version, int id, String schema, boolean deleted) implements RegistryEvent {
    }

    /** The compatibility level of {@code subject} (null: the global level) was set, or removed when {@code level} is null. */
    record CompatibilitySet(String subject, CompatibilityLevel level) implements RegistryEvent {
    }
}
