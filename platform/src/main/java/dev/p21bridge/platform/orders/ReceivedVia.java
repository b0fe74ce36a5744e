package dev.p21bridge.platform.orders;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header {@value #HEADER} on a raw storefront record that did not come as a webhook: {@value #POLL} (the ingress read
 * it from the store's order list, docs/order-polling.md) or {@value #BACKFILL} ({@code ./bridge backfill orders} read
 * it from the store's order history). A webhook's record has none. The transformer never vouches for a backfilled
 * order as new ({@link FirstCreate}): it may be in P21 already by any way at all, so the p21-sink looks it up.
 */
public final class ReceivedVia {

    public static final String HEADER = "received-via";
    public static final String POLL = "poll";
    public static final String BACKFILL = "backfill";

    private ReceivedVia() {
    }

    /** The last {@value #HEADER} value, or null for a webhook's record. */
    public static String of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static boolean isBackfill(Headers headers) {
        return BACKFILL.equals(of(headers));
    }

    public static void add(Headers headers, String via) {
        headers.add(HEADER, via.getBytes(StandardCharsets.UTF_8));
    }
}
