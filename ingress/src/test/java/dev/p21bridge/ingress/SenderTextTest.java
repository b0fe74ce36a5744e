package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderTextTest {

    @Test
    void shouldRepeatAShortCleanValueAsItIs() {
        assertThat(SenderText.echoable("evt-10452")).isEqualTo("evt-10452");
        assertThat(SenderText.echoable(null)).isEqualTo("<none>");
    }

    @Test
    void shouldCutALongValueToSixtyFourCharacters() {
        assertThat(SenderText.echoable("x".repeat(10_000))).isEqualTo("x".repeat(64) + "...");
    }

    @Test
    void shouldReplaceControlCharactersSoNoLogLineCanBeForged() {
        assertThat(SenderText.echoable("evt-1\nINFO forged line\u001b[31m")).isEqualTo("evt-1?INFO forged line?[31m");
    }

    @Test
    void shouldNeverCutASurrogatePairInHalf() {
        String cut = SenderText.echoable("x".repeat(63) + "😀" + "y".repeat(10));

        assertThat(cut).isEqualTo("x".repeat(63) + "...");
    }
}
