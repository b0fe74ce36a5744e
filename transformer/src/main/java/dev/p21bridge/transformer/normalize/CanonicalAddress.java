package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Address;
import java.util.Locale;

/**
 * An address whose fields have the canonical names ({@code name}, {@code line1}, {@code regionCode}, ...): Clarity's,
 * and every mapped order's and customer's (docs/mappings.md). Region upper-cased, country to alpha-2.
 */
public final class CanonicalAddress {

    private CanonicalAddress() {
    }

    /** Null for no address. */
    public static Address read(JsonFields json) {
        if (json == null) {
            return null;
        }
        String region = json.optionalText("regionCode");
        return Address.newBuilder()
                .setName(json.optionalText("name"))
                .setCompany(json.optionalText("company"))
                .setLine1(json.text("line1"))
                .setLine2(json.optionalText("line2"))
                .setCity(json.text("city"))
                .setRegionCode(region == null ? null : region.toUpperCase(Locale.ROOT))
                .setPostalCode(json.optionalText("postalCode"))
                .setCountryCode(CountryCodes.toAlpha2(json.optionalText("countryCode"), () -> json.path("countryCode")))
                .setPhone(json.optionalText("phone"))
                .build();
    }
}
