package dev.p21bridge.platform.orders;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The transformer's word, as header {@value #HEADER} on a {@code canonical.orders} record, that no earlier record of
 * its order key was ever written there: it remembers every order key for its order-dedup retention and sets the header
 * only on a new order placed well within it. The p21-sink then creates a fresh such order without looking it up in
 * P21 first (one call instead of two); anything it cannot vouch for (an old order brought in again, a replay, an
 * update) is looked up as before. docs/p21-calls.md says why this is safe.
 */
public final class FirstCreate {

    public static final String HEADER = "first-create";
    private static final byte[] YES = "true".getBytes(StandardCharsets.UTF_8);

    private FirstCreate() {
    }

    public static void mark(Headers headers) {
        headers.remove(HEADER);
        headers.add(HEADER, YES);
    }

    /** True when the last {@value #HEADER} header says {@code true}. */
    public static boolean isMarked(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header != null && "true".equals(new String(header.value(), StandardCharsets.UTF_8));
    }
}
