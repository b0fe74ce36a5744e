package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Source;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storefront order a P21 sales order was created for, read from its {@code web_reference_no}, where the
 * p21-sink writes the order key {@code <source>:<order id>} ({@code xcart:20001}). Any other value is an order
 * entered in P21 itself (or by another integration), which no storefront knows.
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

    /** The canonical order key, {@code <source>:<order id>} with the source in lower case. */
    public String orderKey() {
        return source.name().toLowerCase(Locale.ROOT) + ":" + orderId;
    }
}
