package dev.p21bridge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.registry.RegistryEvent.CompatibilitySet;
import dev.p21bridge.registry.RegistryEvent.SchemaRegistered;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code _schemas} records must read like Confluent's, so either registry can replay the other's topic. */
class SchemaLogCodecTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteASchemaAsConfluentDoes() {
        SchemaRegistered event = new SchemaRegistered("canonical.orders-value", 3, 17, "\"string\"", false);

        assertThat(text(SchemaLogCodec.key(event)))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"canonical.orders-value\",\"version\":3,\"magic\":1}");
        assertThat(text(SchemaLogCodec.value(event))).isEqualTo(
                "{\"subject\":\"canonical.orders-value\",\"version\":3,\"id\":17,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(SchemaLogCodec.decode(SchemaLogCodec.key(event), SchemaLogCodec.value(event))).contains(event);
    }

    @Test
    void shouldWriteTheGlobalLevelUnderAConfigKeyWithANullSubject() {
        CompatibilitySet event = new CompatibilitySet(null, CompatibilityLevel.FULL);

        assertThat(text(SchemaLogCodec.key(event))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(SchemaLogCodec.value(event))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(SchemaLogCodec.decode(SchemaLogCodec.key(event), SchemaLogCodec.value(event))).contains(event);
    }

    @Test
    void shouldWriteARemovedSubjectLevelAsATombstone() {
        CompatibilitySet removed = new CompatibilitySet("canonical.orders-value", null);

        assertThat(SchemaLogCodec.value(removed)).isNull();
        assertThat(SchemaLogCodec.decode(SchemaLogCodec.key(removed), null)).contains(removed);
    }

    @Test
    void shouldSkipRecordsOfOtherKeyTypesAndUnreadableOnes() {
        assertThat(SchemaLogCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null)).isEmpty();
        assertThat(SchemaLogCodec.decode(bytes("not json"), bytes("{}"))).isEmpty();
    }
}
