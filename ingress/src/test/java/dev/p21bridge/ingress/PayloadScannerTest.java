package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PayloadScannerTest {

    private final PayloadScanner scanner = new PayloadScanner();

    @ParameterizedTest(name = "{0} {1} keyed by {3}")
    @CsvSource(delimiter = '|', textBlock = """
            XCART   | order.created    | {"order_number":"A","id":10452,"items":[{"id":1}]}         | 10452
            XCART   | order.updated    | {"id":"10452"}                                              | 10452
            XCART   | customer.created | {"id":5,"profile_id":3310}                                  | 3310
            XCART   | customer.updated | {"profile_id":3310,"addresses":[{"profile_id":1}]}          | 3310
            XCART   | product.updated  | {"id":7,"product_id":301}                                   | 301
            XCART   | product.updated  | {"id":7,"sku":"HX-4410"}                                    | 7
            XCART   | payment.captured | {"id":55,"order_id":10452}                                  | 10452
            XCART   | payment.captured | {"id":10452,"amount":1.5}                                   | 10452
            XCART   | return.created   | {"order_id":10452,"id":9}                                   | 10452
            CLARITY | order.created    | {"customerId":"C-55012","orderId":"CL-2026-000981"}         | CL-2026-000981
            CLARITY | customer.updated | {"customerId":"C-55012","orderId":"x"}                      | C-55012
            CLARITY | product.updated  | {"sku":"HX-4410","productId":"P-1"}                         | P-1
            CLARITY | product.updated  | {"sku":"HX-4410"}                                           | HX-4410
            CLARITY | payment.captured | {"paymentId":"PAY-1","orderId":"CL-2026-000981"}            | CL-2026-000981
            CLARITY | return.created   | {"rmaId":"R-1","orderId":"CL-2026-000981"}                  | CL-2026-000981
            """)
    void shouldFindTheEntityIdOfEachSourceAndEvent(WebhookSource source, String type, String body, String key)
            throws Exception {
        WebhookEvent event = WebhookEvent.ofType(type);

        assertThat(scanner.entityId(utf8(body), source.keyFields(event))).isEqualTo(key);
    }

    @Test
    void shouldIgnoreFieldsOfTheRightNameInsideNestedObjects() throws Exception {
        String body = "{\"customer\":{\"orderId\":\"nested\"},\"lines\":[{\"orderId\":\"line\"}]}";

        assertThat(scanner.entityId(utf8(body), List.of("orderId"))).isNull();
    }

    @Test
    void shouldIgnoreIdsThatAreNotAStringOrAWholeNumber() throws Exception {
        String body = "{\"id\":null,\"a\":1,\"b\":{\"id\":2}}";

        assertThat(scanner.entityId(utf8(body), List.of("id"))).isNull();
        assertThat(scanner.entityId(utf8("{\"id\":\" \"}"), List.of("id"))).isNull();
        assertThat(scanner.entityId(utf8("{\"id\":true}"), List.of("id"))).isNull();
        assertThat(scanner.entityId(utf8("{\"id\":{\"x\":1}}"), List.of("id"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "nope", "{", "{\"id\":1", "{\"id\":1}}", "{\"id\":1} {}", "{'id':1}",
            "{\"a\":[1,2}", "{\"id\":1} trailing"})
    void shouldRefuseABodyThatIsNotJson(String body) {
        assertThatThrownBy(() -> scanner.entityId(utf8(body), List.of("id")))
                .isInstanceOfSatisfying(PayloadScanner.MalformedPayloadException.class,
                        e -> assertThat(e.rejection()).isEqualTo(Rejection.NOT_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"id\":1}]", "\"text\"", "42", "null", "true"})
    void shouldRefuseJsonThatIsNotAnObject(String body) {
        assertThatThrownBy(() -> scanner.entityId(utf8(body), List.of("id")))
                .isInstanceOfSatisfying(PayloadScanner.MalformedPayloadException.class,
                        e -> assertThat(e.rejection()).isEqualTo(Rejection.NOT_JSON_OBJECT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10452, 10452", "10452.0, 10452", "1.0452E4, 10452", "104520e-1, 10452", "-0.0, 0"})
    void shouldKeyANumericIdByItsCanonicalDigitsHoweverItIsWritten(String written, String key) throws Exception {
        assertThat(scanner.entityId(utf8("{\"id\":" + written + "}"), List.of("id"))).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10452.5", "1e-3", "9223372036854775808", "1e999999999", "-1e19"})
    void shouldRefuseANumericIdThatIsNotAWholeNumberWithinALongNamingTheField(String written) {
        assertRefused("{\"order_id\":" + written + "}", List.of("order_id", "id"), Rejection.INVALID_ID,
                "order_id");
    }

    @Test
    void shouldRefuseAStringIdLongerThanTheLimitWithoutEchoingIt() {
        String id = "X".repeat(300);

        assertThatThrownBy(() -> scanner.entityId(utf8("{\"id\":\"" + id + "\"}"), List.of("id")))
                .isInstanceOfSatisfying(PayloadScanner.MalformedPayloadException.class, e -> {
                    assertThat(e.rejection()).isEqualTo(Rejection.INVALID_ID);
                    assertThat(e.detail()).doesNotContain("XXXXXXXX");
                });
    }

    /** A key twice anywhere is refused: readers that take the first and the last would see two different bodies. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"id":1,"id":2}                         | id
            {"id":1,"x":{"a":1,"a":2}}              | a
            {"items":[{"sku":"A","sku":"B"}]}      | sku
            {"id":"10452","note":"x","id":"10453"}  | id
            """)
    void shouldRefuseAKeyThatAppearsTwiceInOneObjectNamingIt(String body, String key) {
        assertRefused(body, List.of("id"), Rejection.DUPLICATE_KEY, "\"" + key + "\"");
    }

    @Test
    void shouldCutADuplicatedKeyToSixtyFourCharactersAndStripControlCharactersInTheAnswer() {
        String key = "k\\u0007".repeat(100);

        assertThatThrownBy(() -> scanner.entityId(utf8("{\"" + key + "\":1,\"" + key + "\":2}"), List.of("id")))
                .isInstanceOfSatisfying(PayloadScanner.MalformedPayloadException.class, e -> {
                    assertThat(e.rejection()).isEqualTo(Rejection.DUPLICATE_KEY);
                    assertThat(e.detail()).hasSizeLessThan(80).doesNotContain("\u0007");
                });
    }

    /** RFC 8259 section 8.1: JSON between systems is UTF-8. Jackson would guess UTF-16 or UTF-32 from the bytes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-32BE", "UTF-32LE", "UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32"})
    void shouldRefuseABodyInAnotherEncodingThanUtf8(String charset) {
        byte[] body = "{\"id\":10452}".getBytes(java.nio.charset.Charset.forName(charset));

        assertRefused(body, List.of("id"), Rejection.NOT_UTF8, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "UTF-8 byte order mark,       EFBBBF7B7D",
            "UTF-16 byte order mark,      FEFF007B007D",
            "UTF-32 byte order mark,      0000FEFF0000007B0000007D",
            "lone continuation byte,      7B226964223A2280227D",
            "overlong slash,              7B226964223A22C0AF227D",
            "encoded surrogate,           7B226964223A22EDA080227D",
            "beyond U+10FFFF,             7B226964223A22F4908080227D",
            "truncated sequence at end,   7B2278223A22E282",
            "invalid byte in skipped key, 7B22FF223A317D",
            "invalid byte in skipped value, 7B2261223A22FE227D"})
    void shouldRefuseABodyThatIsNotValidUtf8(String why, String hex) {
        assertRefused(java.util.HexFormat.of().parseHex(hex), List.of("id"), Rejection.NOT_UTF8, null);
    }

    @Test
    void shouldAcceptMultibyteUtf8AndEscapedCharacters() throws Exception {
        assertThat(scanner.entityId(utf8("{\"name\":\"Zoë 😀 \\ud83d\\ude00\",\"id\":\"Ω-1\"}"), List.of("id")))
                .isEqualTo("Ω-1");
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimitAndAcceptItAtTheLimit() throws Exception {
        int depth = dev.p21bridge.platform.webhook.WebhookJson.MAX_NESTING_DEPTH;
        String atLimit = "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + ",\"id\":1}";
        String tooDeep = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"id\":1}";

        assertThat(scanner.entityId(utf8(atLimit), List.of("id"))).isEqualTo("1");
        assertRefused(tooDeep, List.of("id"), Rejection.TOO_DEEP, null);
        assertRefused("[".repeat(100_000), List.of("id"), Rejection.TOO_DEEP, null);
    }

    @Test
    void shouldRefuseANumberOrAKeyLongerThanTheLimitEvenWhereItIsNotTheId() {
        assertRefused("{\"amount\":" + "9".repeat(101) + ",\"id\":1}", List.of("id"), Rejection.NUMBER_TOO_LONG, null);
        assertRefused("{\"amount\":1." + "0".repeat(100) + ",\"id\":1}", List.of("id"), Rejection.NUMBER_TOO_LONG,
                null);
        assertRefused("{\"" + "k".repeat(257) + "\":1,\"id\":1}", List.of("id"), Rejection.NAME_TOO_LONG, null);
    }

    /** A huge exponent outside the id is never expanded: the scanner does not convert numbers it skips. */
    @Test
    void shouldSkipAHugeExponentOutsideTheIdWithoutConvertingIt() throws Exception {
        assertThat(scanner.entityId(utf8("{\"amount\":1e999999999,\"tax\":-1e-999999999,\"id\":7}"), List.of("id")))
                .isEqualTo("7");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"{}\u0000", "{} //", "{} /* */", "{}]", "{},", "{}\u00a0", "\u0000{}"})
    void shouldRefuseAnythingAfterTheObjectButWhitespace(String body) {
        assertThatThrownBy(() -> scanner.entityId(utf8(body), List.of("id")))
                .isInstanceOf(PayloadScanner.MalformedPayloadException.class);
    }

    /**
     * The class of defect behind a UTF-32 body's 500: an exception from parsing that the scanner did not expect.
     * Every mutation of a real payload must end in an id or a rejection, never in an unchecked exception.
     */
    @Test
    void shouldAnswerEveryMutationOfASamplePayloadWithAnIdOrARejection() throws Exception {
        byte[] sample;
        try (var in = PayloadScannerTest.class.getResourceAsStream("/samples/xcart/order.created.json")) {
            sample = in.readAllBytes();
        }
        java.util.Random random = new java.util.Random(42);
        byte[] specials = {0, '"', '\\', '{', '[', '}', ']', ',', ':', '-', 'e', '.', (byte) 0xC0, (byte) 0xED,
                (byte) 0xF4, (byte) 0xFE, (byte) 0xFF, (byte) 0x80};
        for (int i = 0; i < 20_000; i++) {
            byte[] body = sample.clone();
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                body[random.nextInt(body.length)] = random.nextBoolean() ? specials[random.nextInt(specials.length)]
                        : (byte) random.nextInt(256);
            }
            try {
                scanner.entityId(body, List.of("id", "order_id"));
            } catch (PayloadScanner.MalformedPayloadException expected) {
                assertThat(expected.rejection().status()).isEqualTo(400);
            }
        }
    }

    private void assertRefused(String body, List<String> keyFields, Rejection rejection, String detail) {
        assertRefused(utf8(body), keyFields, rejection, detail);
    }

    private void assertRefused(byte[] body, List<String> keyFields, Rejection rejection, String detail) {
        assertThatThrownBy(() -> scanner.entityId(body, keyFields))
                .isInstanceOfSatisfying(PayloadScanner.MalformedPayloadException.class, e -> {
                    assertThat(e.rejection()).isEqualTo(rejection);
                    if (detail != null) {
                        assertThat(e.detail()).contains(detail);
                    }
                });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
