package dev.p21bridge.simulators.storefront;

/**
 * A postal address; {@code name} is the attention line ("Accounts Payable" or the person), {@code line2} may be null.
 * {@code country} is the ISO 3166-1 alpha-2 code, {@code US} for every pool customer; only a risky order's buyer
 * ({@link RiskyBuyers}) bills or ships abroad. A state file written before countries existed reads as {@code US}.
 */
public record Address(String name, String company, String line1, String line2, String city, String state, String zip,
                      String phone, String country) {

    public Address {
        country = country == null ? "US" : country;
    }

    /** A US address. */
    public Address(String name, String company, String line1, String line2, String city, String state, String zip,
                   String phone) {
        this(name, company, line1, line2, city, state, zip, phone, "US");
    }

    /** The country's ISO 3166-1 alpha-3 code ({@code USA}, {@code GBR}), as Clarity writes it. */
    public String country3() {
        return new java.util.Locale("", country).getISO3Country();
    }
}
