package dev.p21bridge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.registry.RegistryEvent.CompatibilitySet;
import dev.p21bridge.registry.RegistryEvent.SchemaRegistered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys and values of the {@code _schemas} topic in the JSON Confluent's registry writes, so the topic reads the same
 * to Confluent tooling:
 * key {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}} with value
 * {@code {"subject":"s","version":1,"id":1,"schema":"...","deleted":false}}, and
 * key {@code {"keytype":"CONFIG","subject":null,"magic":0}} with value {@code {"compatibilityLevel":"FULL"}}
 * (a null value removes a subject's level). Other key types (NOOP, MODE, ...) are skipped when read.
 */
final class SchemaLogCodec {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLogCodec.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLogCodec() {
    }

    static byte[] key(RegistryEvent event) {
        ObjectNode key = JSON.createObjectNode();
        if (event instanceof SchemaRegistered schema) {
            key.put("keytype", "SCHEMA").put("subject", schema.subject()).put("version", schema.version()).put("magic", 1);
        } else if (event instanceof CompatibilitySet config) {
            key.put("keytype", "CONFIG").put("subject", config.subject()).put("magic", 0);
        }
        return bytes(key);
    }

    /** The value to write, or null (a tombstone) when a subject's level is removed. */
    static byte[] value(RegistryEvent event) {
        if (event instanceof SchemaRegistered schema) {
            return bytes(JSON.createObjectNode().put("subject", schema.subject()).put("version", schema.version())
                    .put("id", schema.id()).put("schema", schema.schema()).put("deleted", schema.deleted()));
        }
        CompatibilitySet config = (CompatibilitySet) event;
        return config.level() == null ? null : bytes(JSON.createObjectNode().put("compatibilityLevel", config.level().name()));
    }

    /** The event a log record holds; empty for key types this registry does not use or a record it cannot read. */
    static Optional<RegistryEvent> decode(byte[] key, byte[] value) {
        try {
            JsonNode keyJson = JSON.readTree(key);
            String keyType = keyJson.path("keytype").asText("");
            JsonNode subject = keyJson.path("subject");
            if (keyType.equals("CONFIG")) {
                String subjectName = subject.isTextual() ? subject.asText() : null;
                CompatibilityLevel level = value == null ? null
                        : CompatibilityLevel.parse(JSON.readTree(value).path("compatibilityLevel").asText());
                return Optional.of(new CompatibilitySet(subjectName, level));
            }
            if (keyType.equals("SCHEMA") && value != null) {
                JsonNode json = JSON.readTree(value);
                return Optional.of(new SchemaRegistered(json.get("subject").asText(), json.get("version").asInt(),
                        json.get("id").asInt(), json.get("schema").asText(), json.path("deleted").asBoolean(false)));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping an unreadable schema log record: {}", e.toString());
            return Optional.empty();
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
