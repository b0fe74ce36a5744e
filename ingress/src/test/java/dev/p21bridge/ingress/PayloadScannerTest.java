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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
