package dev.p21bridge.simulators.storefront;

import java.util.List;

/**
 * A US freight forwarder's receiving address: a buyer abroad has goods shipped there and forwarded, which is how
 * stolen cards buy goods a store would not ship abroad. The reshipper orders ({@link RiskPattern#RESHIPPER}) ship
 * to one of {@link #ADDRESSES}, each used by several buyers, so a test can load these into the operator's look-up
 * table of forwarders.
 *
 * @param region     the US state code
 * @param postalCode the ZIP code
 * @param country    ISO 3166-1 alpha-2, always {@code US}
 */
public record FreightForwarder(String line1, String city, String region, String postalCode, String country) {

    /** The three forwarders the reshipper orders ship to; invented addresses in areas where forwarders cluster. */
    public static final List<FreightForwarder> ADDRESSES = List.of(
            new FreightForwarder("8200 NW 41st St Ste 200", "Doral", "FL", "33166", "US"),
            new FreightForwarder("15 Commerce Dr Ste 110", "New Castle", "DE", "19720", "US"),
            new FreightForwarder("9801 NE Cascades Pkwy Bldg 3", "Portland", "OR", "97220", "US"));

    /** This forwarder as the shipping address of {@code name}'s order. */
    Address shipTo(String name, String phone) {
        return new Address(name, null, line1, null, city, region, postalCode, phone, country);
    }
}
