package dev.p21bridge.app.console;

import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * A dead letter's value as a person reads it: a canonical record (Confluent Avro: magic byte, schema id, body) decoded
 * with its schema from the registry and shown as JSON; a raw webhook body as its text; anything else as hex. Decoding
 * reads a schema by id only; a failure falls back to the raw bytes, never to an error page. E-mails are masked.
 *
 * @param kind "avro (schema N)", "text" or "bytes"
 */
public record DeadLetterValue(String kind, String text) {

    private static final int SHOWN_BYTES = 4096;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static DeadLetterValue of(byte[] value, SchemaRegistryClient registry) {
        if (value == null) {
            return new DeadLetterValue("none", "(no value)");
        }
        if (registry != null && value.length > 5 && value[0] == 0) {
            int id = ByteBuffer.wrap(value, 1, 4).getInt();
            try {
                Schema schema = registry.getById(id);
                Object record = new GenericDatumReader<Object>(schema).read(null,
                        DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
                return new DeadLetterValue("avro (schema " + id + ")", PersonalText.masked(pretty(GenericData.get().toString(record))));
            } catch (Exception e) {
                // not our Avro after all (the reason such a record is a dead letter): show its bytes below
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            if (text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return new DeadLetterValue("text", PersonalText.masked(pretty(text)));
            }
        } catch (CharacterCodingException e) {
            // not text: hex below
        }
        int shown = Math.min(value.length, SHOWN_BYTES);
        return new DeadLetterValue("bytes", HexFormat.ofDelimiter(" ").formatHex(value, 0, shown)
                + (shown < value.length ? " … (" + value.length + " bytes)" : ""));
    }

    /** JSON indented for reading; any other text as it is. */
    private static String pretty(String text) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text));
        } catch (Exception e) {
            return text;
        }
    }
}
