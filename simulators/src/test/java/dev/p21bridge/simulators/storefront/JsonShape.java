package dev.p21bridge.simulators.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares a payload with a sample: the same field names at every level, and the same kinds of values. The risk
 * fields the simulators add (docs/simulators.md, 'Risky orders') may be missing from a sample: a payload may carry
 * them there; where the sample has them, they are compared like any other.
 */
public final class JsonShape {

    private static final Set<String> RISK_EXTENSIONS = Set.of("ip_address", "card_fingerprint", "fraud_check",
            "ipAddress", "cardFingerprint", "fraudCheck");

    private JsonShape() {
    }

    public static JsonNode sample(String path) {
        try (InputStream in = JsonShape.class.getResourceAsStream("/samples/" + path)) {
            return StorefrontJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every array element of {@code actual} is compared with the first element of the sample's array. */
    public static void assertSameShape(JsonNode sample, JsonNode actual, String where) {
        if (sample.isNull() || actual.isNull()) {
            return;
        }
        assertThat(actual.getNodeType()).as("kind of %s", where).isEqualTo(sample.getNodeType());
        if (sample.isObject()) {
            List<String> expected = new ArrayList<>();
            sample.fieldNames().forEachRemaining(expected::add);
            List<String> got = new ArrayList<>();
            actual.fieldNames().forEachRemaining(got::add);
            got.removeIf(name -> RISK_EXTENSIONS.contains(name) && !sample.has(name));
            assertThat(got).as("fields of %s", where).containsExactlyInAnyOrderElementsOf(expected);
            expected.forEach(name -> assertSameShape(sample.get(name), actual.get(name), where + "." + name));
        } else if (sample.isArray() && !sample.isEmpty()) {
            for (int i = 0; i < actual.size(); i++) {
                assertSameShape(sample.get(0), actual.get(i), where + "[" + i + "]");
            }
        }
    }
}
