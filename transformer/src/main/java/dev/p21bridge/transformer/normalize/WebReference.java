package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Source;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storefront order a P21 sales order was created for, read from its {@code web_reference_no}, where the
 * p21-sink writes the order key {@code <store>:<order id>} ({@code xcart:20001}, {@code ca:20001}). Any other value,
 * a prefix naming no store of {@code BRIDGE_STORES} included, is an order entered in P21 itself (or by another
 * integration), which no storefront knows. An RMA's reference also names the storefront return,
 * {@code <store>:<order id>:<return id>} ({@link #parseReturn}).
 *
 * @param source the store's platform
 * @param store  the store's name, the key's prefix
 */
public record WebReference(Source source, String store, String orderId) {

    /** The stores before {@code BRIDGE_STORES}: one of each platform, named as it. */
    public static final Map<String, Source> DEFAULT_STORES = Map.of("xcart", Source.XCART, "clarity", Source.CLARITY);

    private static final Pattern KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9-]{0,31}):(\\S.*)$");

    /** @param stores the stores of {@code BRIDGE_STORES} and the source of each */
    public static Optional<WebReference> parse(String webReferenceNo, Map<String, Source> stores) {
        if (webReferenceNo == null) {
            return Optional.empty();
        }
        Matcher matcher = KEY.matcher(webReferenceNo.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        // P21 users may type a reference in capitals; store names are lower case
        String store = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
        Source source = stores.get(store);
        if (source == null) {
            return Optional.empty();
        }
        return Optional.of(new WebReference(source, store, matcher.group(2).trim()));
    }

    /**
     * An RMA's {@code web_reference_no}: the order, and the return id after the last colon (return ids hold no colon,
     * the transformer refuses them); a reference without a return id is the order's alone, return id null.
     */
    public static Optional<Return> parseReturn(String webReferenceNo, Map<String, Source> stores) {
        return parse(webReferenceNo, stores).map(reference -> {
            String rest = reference.orderId();
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                return new Return(reference, null);
            }
            return new Return(new WebReference(reference.source(), reference.store(), rest.substring(0, colon).trim()),
                    rest.substring(colon + 1).trim());
        });
    }

    /** A storefront return: the order it returns goods of, and the storefront's return id (null when not known). */
    public record Return(WebReference order, String returnId) {
    }

    /** The canonical order key, {@code <store>:<order id>}. */
    public String orderKey() {
        return store + ":" + orderId;
    }
}
