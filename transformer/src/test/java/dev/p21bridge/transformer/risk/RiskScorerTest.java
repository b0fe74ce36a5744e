package dev.p21bridge.transformer.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.schemas.Address;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    @Test
    void shouldKeyAnAddressAsTheLookUpListsDoWhateverItsSpacing() {
        Address address = Address.newBuilder().setLine1("  8200 NW\t41st  St \r\n Ste 200 ").setCity("Doral")
                .setPostalCode(" 33166 ").setCountryCode("us").build();

        assertThat(RiskScorer.addressKey(address)).isEqualTo("8200 NW 41ST ST STE 200|33166|US");
    }

    @Test
    void shouldSqueezeWhitespaceExactlyAsTheRegularExpressionItReplaces() {
        for (String line : new String[] {"", " ", "a", " a  b ", "a\u000Bb\fc", "a\u00A0 b", "\u0001a  b\u0001",
                "x\t\t\ty", "ß straße"}) {
            Address address = Address.newBuilder().setLine1(line).setCity("c").setPostalCode(line)
                    .setCountryCode("de").build();
            String regex = line.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);

            assertThat(RiskScorer.addressKey(address)).isEqualTo(regex + "|" + regex + "|DE");
        }
    }
}
