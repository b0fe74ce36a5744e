package dev.p21bridge.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WebhookJsonTest {

    @Test
    void shouldRefuseAKeyTwiceInOneObjectWhereAPlainMapperLetsTheLastOneWin() throws Exception {
        String body = "{\"id\":1,\"items\":[],\"id\":2}";

        assertThat(new ObjectMapper().readTree(body).get("id").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> WebhookJson.mapper().readTree(body)).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("id");
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimitAndAcceptItAtTheLimit() throws Exception {
        int depth = WebhookJson.MAX_NESTING_DEPTH;

        assertThat(WebhookJson.mapper().readTree("[".repeat(depth) + "]".repeat(depth))).isNotNull();
        assertThatThrownBy(() -> WebhookJson.mapper().readTree("[".repeat(depth + 1) + "]".repeat(depth + 1)))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void shouldRefuseANumberOrAKeyLongerThanTheLimit() {
        assertThatThrownBy(() -> WebhookJson.mapper().readTree(
                "{\"a\":" + "9".repeat(WebhookJson.MAX_NUMBER_LENGTH + 1) + "}"))
                .isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> WebhookJson.mapper().readTree(
                "{\"" + "k".repeat(WebhookJson.MAX_NAME_LENGTH + 1) + "\":1}"))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void shouldKeepAFloatExactAndRefuseTrailingTokens() throws Exception {
        assertThat(WebhookJson.mapper().readTree("{\"id\":9007199254740993.0}").get("id").isBigDecimal()).isTrue();
        assertThatThrownBy(() -> WebhookJson.mapper().readTree("{} {}")).isInstanceOf(JsonProcessingException.class);
    }
}
