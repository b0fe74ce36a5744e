package dev.p21bridge.ingress.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class P21WatermarkTest {

    @Test
    void shouldReadBackWhatItWrote() {
        P21Watermark watermark = new P21Watermark(Instant.parse("2026-11-22T17:03:11.123Z"),
                Set.of("HX-4410/10", "HX-4410/20"));

        assertThat(P21Watermark.decode(watermark.encode())).isEqualTo(watermark);
    }

    @Test
    void shouldWriteTheDocumentedJsonWithSortedKeys() {
        P21Watermark watermark = new P21Watermark(Instant.parse("2026-11-22T17:03:11.123Z"), Set.of("B/1", "A/2"));

        assertThat(new String(watermark.encode(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"lastModified\":\"2026-11-22T17:03:11.123Z\",\"keysAtLastModified\":[\"A/2\",\"B/1\"]}");
    }

    @Test
    void shouldAcceptAnOperatorsWatermarkWithoutKeysForAFullLoad() {
        P21Watermark watermark = P21Watermark.decode(
                "{\"lastModified\": \"1970-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(watermark).isEqualTo(P21Watermark.at(Instant.EPOCH));
    }

    @Test
    void shouldRejectAValueThatIsNotAWatermark() {
        assertThatThrownBy(() -> P21Watermark.decode("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> P21Watermark.decode("{\"lastModified\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> P21Watermark.decode("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastModified");
    }
}
