package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whatever a dead letter says, the console shows its e-mail addresses masked. */
class PersonalTextTest {

    @Test
    void shouldMaskEveryAddressInAText() {
        assertThat(PersonalText.masked("{\"email\":\"jane.doe@example.com\",\"cc\":\"b@shop.co.uk\"} for xcart:10452"))
                .isEqualTo("{\"email\":\"j***@example.com\",\"cc\":\"b***@shop.co.uk\"} for xcart:10452");
    }

    @Test
    void shouldShowAValueThatIsNotTextAsBytes() {
        DeadLetterValue value = DeadLetterValue.of(new byte[] {0, 0, 0, 1, 2, (byte) 0xff}, null);

        assertThat(value.kind()).isEqualTo("bytes");
        assertThat(value.text()).isEqualTo("00 00 00 01 02 ff");
    }

    @Test
    void shouldShowAWebhookBodyAsTextWithItsAddressMasked() {
        DeadLetterValue value = DeadLetterValue.of("{\"email\":\"dana@example.com\"}".getBytes(), null);

        assertThat(value.kind()).isEqualTo("text");
        assertThat(value.text()).contains("\"d***@example.com\"").doesNotContain("dana");
    }
}
