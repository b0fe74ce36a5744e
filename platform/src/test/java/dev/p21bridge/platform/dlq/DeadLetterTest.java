package dev.p21bridge.platform.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void shouldMaskAnEmailAddressThatATargetsRefusalQuotes() {
        DeadLetter letter = letter("X-Cart answered 422: no profile with login Dana.Whitfield@Example.com");

        assertThat(letter.message()).isEqualTo("X-Cart answered 422: no profile with login D***@Example.com")
                .doesNotContain("Whitfield@");
    }

    @Test
    void shouldLeaveAnAlreadyMaskedAddressAsItIs() {
        assertThat(letter("customer d***@example.com refused").message()).isEqualTo("customer d***@example.com refused");
    }

    @Test
    void shouldReplaceControlCharactersAndBoundTheLength() {
        DeadLetter letter = letter("line one\nline two\u0000" + "x".repeat(5_000));

        assertThat(letter.message()).startsWith("line one line two ").doesNotContain("\n")
                .hasSizeLessThan(DeadLetter.MAX_MESSAGE_CHARS + 40).endsWith("(5018 characters)");
    }

    private static DeadLetter letter(String message) {
        return new DeadLetter("canonical.customers", 0, 7, "storefront-sink", ErrorClass.REJECTED_BY_TARGET, message,
                1, Instant.EPOCH);
    }
}
