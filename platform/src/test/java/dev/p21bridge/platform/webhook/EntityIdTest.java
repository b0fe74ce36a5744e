package dev.p21bridge.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityIdTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10452, 10452",
            "10452.0, 10452",
            "10452.000, 10452",
            "1.0452E4, 10452",
            "1.0452e+4, 10452",
            "104520e-1, 10452",
            "0, 0",
            "-0, 0",
            "-0.0, 0",
            "0e999999999, 0",
            "-17, -17",
            "9223372036854775807, 9223372036854775807",
            "9.223372036854775807E18, 9223372036854775807",
            "-9223372036854775808, -9223372036854775808",
            "9007199254740993.0, 9007199254740993"})
    void shouldWriteEveryIntegralSpellingOfANumberAsItsPlainDigits(String written, String canonical) {
        assertThat(EntityId.fromNumber(written)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10452.5", "1e-1", "0.1", "10452.0000000000000000000001", "1e-999999999"})
    void shouldRefuseANumberThatIsNotWhole(String written) {
        assertThatThrownBy(() -> EntityId.fromNumber(written)).isInstanceOf(EntityId.InvalidEntityIdException.class)
                .hasMessageContaining("whole number").hasMessageNotContaining(written);
    }

    /** {@code 1e999999999} is eleven characters; expanding it to digits would take a gigabyte, so it never is. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "1e19", "1e999999999", "-1e999999999",
            "1e2147483648", "123456789012345678901234567890"})
    void shouldRefuseAWholeNumberOutsideASixtyFourBitIntegerWithoutExpandingIt(String written) {
        assertThatThrownBy(() -> EntityId.fromNumber(written)).isInstanceOf(EntityId.InvalidEntityIdException.class)
                .hasMessageContaining("64-bit");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " 1", "1 ", "+1", "01", "1.", ".5", "0x10", "NaN", "Infinity", "1e", "١٢"})
    void shouldRefuseTextThatIsNotAJsonNumber(String written) {
        assertThatThrownBy(() -> EntityId.fromNumber(written)).isInstanceOf(EntityId.InvalidEntityIdException.class);
    }

    @Test
    void shouldRefuseANumberLongerThanTheJsonLimitBeforeLookingAtIt() {
        assertThatThrownBy(() -> EntityId.fromNumber("1".repeat(WebhookJson.MAX_NUMBER_LENGTH + 1)))
                .isInstanceOf(EntityId.InvalidEntityIdException.class).hasMessageContaining("64-bit");
    }

    @Test
    void shouldTakeAStringIdTrimmedReadNumericTextAsItsNumberAndABlankOneAsNoId() {
        assertThat(EntityId.fromString("CL-2026-000981")).isEqualTo("CL-2026-000981");
        assertThat(EntityId.fromString(" 000981 ")).as("digits keep their leading zeros").isEqualTo("000981");
        assertThat(EntityId.fromString("10452.0")).as("one order, one key").isEqualTo("10452");
        assertThat(EntityId.fromString("1.0452E4")).isEqualTo("10452");
        assertThatThrownBy(() -> EntityId.fromString("10452.5")).isInstanceOf(EntityId.InvalidEntityIdException.class);
        assertThat(EntityId.fromString(" ")).isNull();
        assertThat(EntityId.fromString("")).isNull();
    }

    @Test
    void shouldRefuseAStringIdLongerThanTheLimitWithoutEchoingIt() {
        String longId = "A".repeat(EntityId.MAX_LENGTH + 1);

        assertThat(EntityId.fromString("A".repeat(EntityId.MAX_LENGTH))).hasSize(EntityId.MAX_LENGTH);
        assertThatThrownBy(() -> EntityId.fromString(longId)).isInstanceOf(EntityId.InvalidEntityIdException.class)
                .hasMessageNotContaining("AAAAAAAA");
    }

    @Test
    void shouldReadATreeIdTheSameWayAsItsText() throws Exception {
        JsonNode body = WebhookJson.mapper().readTree("{\"a\":10452,\"b\":10452.0,\"c\":1.0452E4,\"d\":\"10452\","
                + "\"e\":9007199254740993.0,\"f\":null,\"g\":true,\"h\":{},\"i\":\" \"}");

        assertThat(EntityId.fromNode(body.get("a"))).isEqualTo("10452");
        assertThat(EntityId.fromNode(body.get("b"))).isEqualTo("10452");
        assertThat(EntityId.fromNode(body.get("c"))).isEqualTo("10452");
        assertThat(EntityId.fromNode(body.get("d"))).isEqualTo("10452");
        assertThat(EntityId.fromNode(body.get("e"))).as("exact, not rounded through a double").isEqualTo("9007199254740993");
        assertThat(EntityId.fromNode(body.get("f"))).isNull();
        assertThat(EntityId.fromNode(body.get("g"))).isNull();
        assertThat(EntityId.fromNode(body.get("h"))).isNull();
        assertThat(EntityId.fromNode(body.get("i"))).isNull();
        assertThat(EntityId.fromNode(null)).isNull();
        assertThatThrownBy(() -> EntityId.fromNode(JsonNodeFactory.instance.numberNode(new BigDecimal("10452.50"))))
                .isInstanceOf(EntityId.InvalidEntityIdException.class);
    }

    /**
     * A mapper that reads floats as doubles has already rounded {@code 9007199254740993.0} to ...992 by the time the
     * id is asked for; the ingress keyed it ...993. Such an id is refused rather than silently given a second key.
     */
    @Test
    void shouldRefuseADoubleThatMayHaveBeenRoundedButReadASmallOneTheSameWay() throws Exception {
        JsonNode body = new ObjectMapper().readTree("{\"b\":10452.0,\"e\":9007199254740993.0}");

        assertThat(EntityId.fromNode(body.get("b"))).isEqualTo("10452");
        assertThatThrownBy(() -> EntityId.fromNode(body.get("e"))).isInstanceOf(EntityId.InvalidEntityIdException.class)
                .hasMessageContaining("WebhookJson.mapper()");
    }
}
