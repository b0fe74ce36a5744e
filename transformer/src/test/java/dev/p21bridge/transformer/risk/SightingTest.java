package dev.p21bridge.transformer.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SightingTest {

    @Test
    void shouldReadBackWhatItWroteWithMissingPartsAndAnyCharacters() {
        Sighting full = new Sighting("ca", "zoë.ßchmidt@example.de", "fp_1", "2001:db8::7", "8200 NW 41ST ST|33166|US",
                new BigDecimal("1234.5600"), List.of(new Sighting.Line("PUMP-100", 2), new Sighting.Line("ŠROUB-7", 0.5)));
        Sighting sparse = new Sighting("xcart", "pat.lee@example.com", null, null, null, BigDecimal.ZERO, List.of());

        assertThat(Sighting.fromBytes(full.toBytes())).isEqualTo(full);
        assertThat(Sighting.fromBytes(sparse.toBytes())).isEqualTo(sparse);
    }

    /** A later version's format, met after a downgrade, or a record cut short, is skipped, not misread. */
    @Test
    void shouldReadNothingFromBytesOfAnotherFormat() {
        byte[] bytes = new Sighting("xcart", "pat.lee@example.com", null, null, null, BigDecimal.TEN,
                List.of(new Sighting.Line("PUMP-100", 1))).toBytes();
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
        bytes[0] = 9;

        assertThat(Sighting.fromBytes(bytes)).isNull();
        assertThat(Sighting.fromBytes(cut)).as("cut short").isNull();
        assertThat(Sighting.fromBytes(new byte[0])).isNull();
        assertThat(Sighting.fromBytes(null)).isNull();
    }
}
