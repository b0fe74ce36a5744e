package dev.p21bridge.simulators.storefront;

/** A US postal address; {@code name} is the attention line ("Accounts Payable" or the person), {@code line2} may be null. */
public record Address(String name, String company, String line1, String line2, String city, String state, String zip,
                      String phone) {
}
