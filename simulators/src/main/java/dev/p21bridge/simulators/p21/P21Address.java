package dev.p21bridge.simulators.p21;

/** A postal address as P21 keeps it on an order's ship-to ({@code ship2_*}); every part may be null. */
public record P21Address(String name, String line1, String line2, String city, String state, String postalCode,
                         String country) {

    public static final P21Address EMPTY = new P21Address(null, null, null, null, null, null, null);
}
