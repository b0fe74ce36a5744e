package dev.p21bridge.transformer.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SightingTest {

    @Test
    void shouldReadBackWhatItWroteWithMissingPartsAndAnyCharacters() {
        Sighting full = new Sighting("ca", "zoë.ßchmidt@example.de", "fp_1", "2001:db8::7", "8200 NW 41ST ST|33166|US");
        Sighting sparse = new Sighting("xcart", "pat.lee@example.com", null, null, null);

        assertThat(Sighting.fromBytes(full.toBytes())).isEqualTo(full);
        assertThat(Sighting.fromBytes(sparse.toBytes())).isEqualTo(sparse);
    }

    /** A later version's format, met after a downgrade, is skipped, not misread. */
    @Test
    void shouldReadNothingFromBytesOfAnotherFormat() {
        byte[] bytes = new Sighting("xcart", "pat.lee@example.com", null, null, null).toBytes();
        bytes[0] = 9;

        assertThat(Sighting.fromBytes(bytes)).isNull();
        assertThat(Sighting.fromBytes(new byte[0])).isNull();
        assertThat(Sighting.fromBytes(null)).isNull();
    }
}
