package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Source;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storefront order a P21 sales order was created for, read from its {@code web_reference_no}, where the
 * p21-sink writes the order key {@code <source>:<order id>} ({@code xcart:20001}). Any other value is an order
 * entered in P21 itself (or by another integration), which no storefront knows. An RMA's reference also names the
 * storefront return, {@code <source>:<order id>:<return id>} ({@link #parseReturn}).
 */
public record WebReference(Source source, String orderId) {

    private static final Pattern KEY = Pattern.compile("^(xcart|clarity):(\\S.*)$", Pattern.CASE_INSENSITIVE);

    public static Optional<WebReference> parse(String webReferenceNo) {
        if (webReferenceNo == null) {
            return Optional.empty();
        }
        Matcher matcher = KEY.matcher(webReferenceNo.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Source source = matcher.group(1).equalsIgnoreCase("xcart") ? Source.XCART : Source.CLARITY;
        return Optional.of(new WebReference(source, matcher.group(2).trim()));
    }

    /**
     * An RMA's {@code web_reference_no}: the order, and the return id after the last colon (return ids hold no colon,
     * the transformer refuses them); a reference without a return id is the order's alone, return id null.
     */
    public static Optional<Return> parseReturn(String webReferenceNo) {
        return parse(webReferenceNo).map(reference -> {
            String rest = reference.orderId();
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                return new Return(reference, null);
            }
            return new Return(new WebReference(reference.source(), rest.substring(0, colon).trim()),
                    rest.substring(colon + 1).trim());
        });
    }

    /** A storefront return: the order it returns goods of, and the storefront's return id (null when not known). */
    public record Return(WebReference order, String returnId) {
    }

    /** The canonical order key, {@code <source>:<order id>} with the source in lower case. */
    public String orderKey() {
        return source.name().toLowerCase(Locale.ROOT) + ":" + orderId;
    }
}
