package dev.p21bridge.transformer.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailsTest {

    @Test
    void anAsciiAddressIsTrimmedAndLowerCased() {
        assertThat(Emails.normalize(" MJ.Nunez@Example.org ", "email")).isEqualTo("mj.nunez@example.org");
    }

    /** U+212A KELVIN SIGN lower-cases to a plain k: jac\u212Ak@example.com would be jack@example.com's account. */
    @Test
    void anAddressWithTheKelvinSignIsRefusedRatherThanFoldedIntoAnotherBuyersAddress() {
        assertThatThrownBy(() -> Emails.normalize("jac\u212Ak@example.com", "customer.email"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("customer.email holds a character outside printable ASCII (U+212A)")
                .hasMessageNotContaining("jac");
    }

    @Test
    void anAddressWithACyrillicLookAlikeIsRefused() {
        assertThatThrownBy(() -> Emails.normalize("d\u0430na@example.com", "email"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("U+0430");
    }

    @Test
    void anOverlongAddressIsRefusedWithoutQuotingIt() {
        String address = "a".repeat(600_000) + "@example.com";
        assertThatThrownBy(() -> Emails.normalize(address, "email"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("email is 600012 characters long, more than the 254 an e-mail address may have");
    }
}
