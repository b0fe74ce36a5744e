package dev.p21bridge.transformer.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntityIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void anIdWrittenAsAnyNumberFormOfOneIntegerHasOneCanonicalForm() throws Exception {
        for (String written : new String[] {"10452", "10452.0", "1.0452E4", "1.0452e+4", "\"10452.0\"", "\"1.0452E4\"",
            "\" 10452 \"", "\"10452\""}) {
            assertThat(EntityIds.canonical(id(written))).as(written).isEqualTo("10452");
        }
    }

    @Test
    void textIdsAreKeptAsTheyAreWithTheirLeadingZeros() throws Exception {
        assertThat(EntityIds.canonical(id("\"CL-2026-000981\""))).isEqualTo("CL-2026-000981");
        assertThat(EntityIds.canonical(id("\"000981\""))).isEqualTo("000981");
    }

    @Test
    void aNonIntegralIdIsAValidationError() {
        assertThatThrownBy(() -> EntityIds.canonical(id("10452.5"), "id"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("id: a numeric entity id must be a whole number");
        assertThatThrownBy(() -> EntityIds.canonical(id("\"10452.5\""), "id")).isInstanceOf(ValidationException.class);
    }

    @Test
    void anIdWithAGiantExponentIsRefusedWithoutExpandingIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(
                () -> EntityIds.canonical(id("1e1000000000"), "id")).isInstanceOf(ValidationException.class));
    }

    @Test
    void anIdThatIsNeitherTextNorNumberIsAMappingError() {
        assertThatThrownBy(() -> EntityIds.canonical(id("{\"a\": 1}"), "id")).isInstanceOf(MappingException.class);
    }

    @Test
    void anOverlongTextIdIsAValidationError() {
        assertThatThrownBy(() -> EntityIds.canonical(id("\"" + "A".repeat(65) + "\""), "id"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("id is 65 characters long, more than the 64 an id may have");
    }

    private static JsonNode id(String json) throws Exception {
        return JSON.readTree("{\"id\": " + json + "}").get("id");
    }
}
