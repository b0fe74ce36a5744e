package dev.p21bridge.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AnswerBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldKeepTheTreeOfAJsonBody() {
        assertThat(AnswerBody.parse("{\"message\":\"no such order\"}", JSON).json().path("message").asText())
                .isEqualTo("no such order");
    }

    @Test
    void shouldReadAnHtmlOrEmptyBodyWithoutFailing() {
        assertThat(AnswerBody.parse("<html>Bad Gateway</html>", JSON).json().isMissingNode()).isTrue();
        assertThat(AnswerBody.parse(null, JSON).excerpt(502)).isEqualTo("HTTP 502 with an empty body");
    }

    @Test
    void shouldCutALongBodyInItsExcerpt() {
        String excerpt = AnswerBody.parse("x".repeat(10_000), JSON).excerpt(500);

        assertThat(excerpt).hasSize(AnswerBody.MAX_EXCERPT + 3).endsWith("...");
    }
}
