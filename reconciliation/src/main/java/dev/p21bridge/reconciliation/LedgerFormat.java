package dev.p21bridge.reconciliation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The ledger store's value format: JSON, so an operator can read the changelog, with amounts written as plain
 * decimals and read back as {@link java.math.BigDecimal} (never through a double). Fields a newer version adds are
 * ignored by an older one.
 */
public final class LedgerFormat implements Serde<OrderLedger> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public Serializer<OrderLedger> serializer() {
        return (topic, ledger) -> {
            if (ledger == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(ledger);
            } catch (IOException e) {
                throw new SerializationException("cannot write the ledger of " + ledger.orderKey(), e);
            }
        };
    }

    @Override
    public Deserializer<OrderLedger> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, OrderLedger.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read an order ledger from " + topic, e);
            }
        };
    }
}
