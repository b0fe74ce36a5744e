package dev.p21bridge.simulators.p21;

import dev.p21bridge.simulators.catalog.SimCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state a fresh (or reset) simulator starts from: every {@link SimCatalog} item in the item master, stocked at
 * both locations, and a few trade customers. The X-Cart sample's buyer is among them, so the sample order finds
 * its customer by e-mail; the Clarity sample's buyer is not, so the bridge's create-customer path runs too. The
 * other-charge item {@value #DISCOUNT_ITEM} takes web discounts, without stock.
 */
final class P21Seed {

    /** The warehouse locations every item is stocked at. */
    static final List<Long> LOCATIONS = List.of(10L, 20L);

    static final long FIRST_SEEDED_CUSTOMER_ID = 100_100;

    /** The other-charge item web discounts are booked to, as a P21 tenant sets one up for its storefront. */
    static final String DISCOUNT_ITEM = "WEB-DISCOUNT";

    private static final String[][] CUSTOMERS = {
        // name, e-mail, first, last, address1, address2, city, state, zip, country, phone, terms
        {"Whitfield Mechanical LLC", "dana.whitfield@example.com", "Dana", "Whitfield", "1200 N Lamar Blvd Ste 300",
            null, "Austin", "TX", "78703", "US", "512-555-0142", "NET30"},
        {"Anvil Plumbing Supply", "purchasing@anvilplumbing.example", "Marcus", "Hale", "88 Foundry St", null,
            "Pittsburgh", "PA", "15222", "US", "412-555-0107", "NET30"},
        {"Great Lakes HVAC Co", "orders@greatlakeshvac.example", "Priya", "Raman", "4101 W Belmont Ave", "Dock B",
            "Chicago", "IL", "60641", "US", "773-555-0164", "NET45"},
        {"Cascade Irrigation Inc", "ap@cascadeirrigation.example", "Tom", "Okafor", "2250 SE Powell Blvd", null,
            "Portland", "OR", "97202", "US", "503-555-0188", "NET30"},
        {"Bayou Industrial Repair", "buyer@bayouindustrial.example", "Lucille", "Broussard", "615 Tchoupitoulas St",
            null, "New Orleans", "LA", "70130", "US", "504-555-0121", "COD"},
        {"Summit Facility Services", "maintenance@summitfacility.example", "Greg", "Lindqvist",
            "90 Pearl Ridge Pkwy", "Suite 12", "Denver", "CO", "80202", "US", "303-555-0176", "NET30"},
        {"Harbor Marine Outfitters", "parts@harbormarine.example", "Aiko", "Tanaka", "1 Wharf Rd", null,
            "Portland", "ME", "04101", "US", "207-555-0139", "PREPAID"},
    };

    private P21Seed() {
    }

    /** The seed state, its rows stamped after {@code after} so a reset never moves change times backwards. */
    static P21State create(Instant after) {
        P21State state = new P21State(after);
        Instant at = state.nextChangeTime();
        for (SimCatalog.Item catalogItem : SimCatalog.items()) {
            P21Item item = new P21Item(state.takeInvMastUid(), catalogItem.sku(), catalogItem.description(),
                    catalogItem.price(), at);
            state.putItem(item);
            for (long location : LOCATIONS) {
                state.putStock(P21Stock.empty(item, location, at).withOnHand(BigDecimal.valueOf(catalogItem.stock()), at));
            }
        }
        state.putItem(new P21Item(state.takeInvMastUid(), DISCOUNT_ITEM, "Web order discount", BigDecimal.ZERO, at,
                true));
        long customerId = FIRST_SEEDED_CUSTOMER_ID;
        for (String[] c : CUSTOMERS) {
            Map<String, String> edits = new LinkedHashMap<>();
            for (int i = 0; i < c.length; i++) {
                edits.put(P21Customer.EDITABLE.get(i), c[i]);
            }
            state.putCustomer(P21Customer.create(customerId++, edits, at));
        }
        return state;
    }
}
