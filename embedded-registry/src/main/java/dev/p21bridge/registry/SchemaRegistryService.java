package dev.p21bridge.registry;

import dev.p21bridge.registry.RegistryEvent.CompatibilitySet;
import dev.p21bridge.registry.RegistryEvent.SchemaRegistered;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's rules: ids follow canonical form, a subject gets a new version only for a schema it does not have
 * yet and only if its compatibility level allows it. Every change is stored in the {@link SchemaLog} before it is
 * applied or answered. All methods are serialized (one lock), which also makes this the single writer of the log.
 */
final class SchemaRegistryService {

    private final SchemaLog log;
    private final RegistryState state = new RegistryState();

    SchemaRegistryService(SchemaLog log) {
        this.log = log;
        log.readAll().forEach(state::apply);
    }

    /** Registers {@code schemaText} under {@code subject}; answers its id, the existing one if already there. */
    synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        Optional<Integer> knownId = state.idOf(CanonicalSchema.of(schema));
        List<SchemaRegistered> versions = state.versions(subject);
        if (knownId.isPresent() && versions.stream().anyMatch(version -> version.id() == knownId.get())) {
            return knownId.get();
        }
        List<String> problems = problems(state.effectiveLevel(subject), schema, versions);
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible(subject, problems);
        }
        int id = knownId.orElseGet(state::nextId);
        String text = knownId.flatMap(state::text).orElse(schema.toString());
        store(new SchemaRegistered(subject, state.nextVersion(subject), id, text, false));
        return id;
    }

    /** The version of {@code subject} that has {@code schemaText}; 40401 or 40403 when none. */
    synchronized SchemaRegistered lookup(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        List<SchemaRegistered> versions = existingVersions(subject);
        Optional<Integer> id = state.idOf(CanonicalSchema.of(schema));
        return versions.stream().filter(version -> id.isPresent() && version.id() == id.get()).findFirst()
                .orElseThrow(RegistryError::schemaNotFound);
    }

    synchronized String schemaText(int id) {
        return state.text(id).orElseThrow(RegistryError::schemaNotFound);
    }

    synchronized List<SchemaRegistered> usesOf(int id) {
        state.text(id).orElseThrow(RegistryError::schemaNotFound);
        return state.usesOf(id);
    }

    synchronized List<String> subjects() {
        return state.subjects();
    }

    synchronized List<SchemaRegistered> versions(String subject) {
        return existingVersions(subject);
    }

    /** Version {@code version} ("latest", "-1" or a number) of {@code subject}. */
    synchronized SchemaRegistered version(String subject, String version) {
        List<SchemaRegistered> versions = existingVersions(subject);
        int number = versionNumber(version);
        if (number == -1) {
            return versions.get(versions.size() - 1);
        }
        return state.version(subject, number).orElseThrow(() -> RegistryError.versionNotFound(subject, number));
    }

    /**
     * Why {@code schemaText} may not be registered after {@code version} of {@code subject}; empty when it may.
     * "latest" checks as registration would, honouring transitive levels; a subject without versions accepts anything.
     */
    synchronized List<String> compatibilityProblems(String subject, String version, String schemaText) {
        Schema schema = parse(schemaText);
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (versionNumber(version) == -1) {
            return problems(level, schema, state.versions(subject));
        }
        SchemaRegistered against = version(subject, version);
        return level.incompatibilities(schema, state.schema(against.id()).orElseThrow());
    }

    synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    synchronized void setGlobalLevel(CompatibilityLevel level) {
        store(new CompatibilitySet(null, level));
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return state.subjectLevel(subject);
    }

    synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
        store(new CompatibilitySet(subject, level));
    }

    /** Removes the subject's own level, so the global one applies again; answers the removed level. */
    synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
        CompatibilityLevel removed = state.subjectLevel(subject).orElseThrow(() -> RegistryError.subjectNotFound(subject));
        store(new CompatibilitySet(subject, null));
        return removed;
    }

    private List<String> problems(CompatibilityLevel level, Schema candidate, List<SchemaRegistered> earlier) {
        List<String> problems = new ArrayList<>();
        for (SchemaRegistered version : level.versionsToCheck(earlier)) {
            List<String> found = level.incompatibilities(candidate, state.schema(version.id()).orElseThrow());
            if (!found.isEmpty()) {
                problems.addAll(found);
                problems.add("{oldSchemaVersion: " + version.version() + "}");
            }
        }
        if (!problems.isEmpty()) {
            problems.add("{compatibility: '" + level + "'}");
        }
        return problems;
    }

    private List<SchemaRegistered> existingVersions(String subject) {
        List<SchemaRegistered> versions = state.versions(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private void store(RegistryEvent event) {
        log.append(event);
        state.apply(event);
    }

    /** -1 for the latest version, else the positive version number; 42202 for anything else. */
    private static int versionNumber(String version) {
        if (version.equals("latest") || version.equals("-1")) {
            return -1;
        }
        try {
            int number = Integer.parseInt(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RegistryError.invalidVersion(version);
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }
}
