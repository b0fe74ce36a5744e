package dev.p21bridge.transformer.mapping;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.transformer.normalize.CountryCodes;
import dev.p21bridge.transformer.normalize.JsonFields;
import java.util.Locale;

/** An address of a mapped order or customer (docs/mappings.md), read as the Java normalizers read them. */
final class MappedAddress {

    private MappedAddress() {
    }

    /** Null for no address. */
    static Address read(JsonFields json) {
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
