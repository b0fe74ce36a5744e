package dev.p21bridge.registry;

import dev.p21bridge.registry.RegistryEvent.CompatibilitySet;
import dev.p21bridge.registry.RegistryEvent.SchemaRegistered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the registry knows, rebuilt from its events: subjects and their versions, schemas by id and by canonical
 * form, compatibility levels. Not thread-safe; {@link SchemaRegistryService} guards it.
 */
final class RegistryState {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

    private final Map<String, TreeMap<Integer, SchemaRegistered>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, Schema> schemaById = new HashMap<>();
    private final Map<Integer, String> textById = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    void apply(RegistryEvent event) {
        if (event instanceof CompatibilitySet config) {
            applyConfig(config);
        } else if (event instanceof SchemaRegistered registered) {
            applySchema(registered);
        }
    }

    private void applyConfig(CompatibilitySet config) {
        if (config.subject() == null) {
            globalLevel = config.level() == null ? CompatibilityLevel.BACKWARD : config.level();
        } else if (config.level() == null) {
            subjectLevels.remove(config.subject());
        } else {
            subjectLevels.put(config.subject(), config.level());
        }
    }

    private void applySchema(SchemaRegistered registered) {
        if (!schemaById.containsKey(registered.id())) {
            Schema schema;
            try {
                schema = new Schema.Parser().parse(registered.schema());
            } catch (RuntimeException e) {
                LOG.warn("Skipping schema id {} of subject {}: not a valid Avro schema", registered.id(), registered.subject());
                return;
            }
            schemaById.put(registered.id(), schema);
            textById.put(registered.id(), registered.schema());
            idByCanonical.putIfAbsent(CanonicalSchema.of(schema), registered.id());
        }
        maxId = Math.max(maxId, registered.id());
        versionsBySubject.computeIfAbsent(registered.subject(), s -> new TreeMap<>()).put(registered.version(), registered);
    }

    Optional<Integer> idOf(String canonical) {
        return Optional.ofNullable(idByCanonical.get(canonical));
    }

    Optional<Schema> schema(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    /** The schema text as first registered under this id; what {@code GET /schemas/ids/{id}} answers. */
    Optional<String> text(int id) {
        return Optional.ofNullable(textById.get(id));
    }

    int nextId() {
        return maxId + 1;
    }

    /** Subjects with at least one live version, sorted. */
    List<String> subjects() {
        return versionsBySubject.keySet().stream().filter(subject -> !versions(subject).isEmpty()).toList();
    }

    /** Live versions of {@code subject}, oldest first; empty when the subject is unknown. */
    List<SchemaRegistered> versions(String subject) {
        return versionsBySubject.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(version -> !version.deleted()).toList();
    }

    Optional<SchemaRegistered> version(String subject, int version) {
        return Optional.ofNullable(versionsBySubject.getOrDefault(subject, new TreeMap<>()).get(version))
                .filter(registered -> !registered.deleted());
    }

    /** The version number the next schema of {@code subject} gets: deleted versions are never reused. */
    int nextVersion(String subject) {
        TreeMap<Integer, SchemaRegistered> versions = versionsBySubject.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    /** Every live (subject, version) that uses schema {@code id}. */
    List<SchemaRegistered> usesOf(int id) {
        List<SchemaRegistered> uses = new ArrayList<>();
        for (String subject : versionsBySubject.keySet()) {
            versions(subject).stream().filter(version -> version.id() == id).forEach(uses::add);
        }
        return uses;
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
