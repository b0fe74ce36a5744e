package dev.p21bridge.simulators.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The one catalogue all three simulators start with (docs/contract.md, section 'Simulators'): every SKU of the shared
 * samples and a few hundred more, the same in P21's item master and in both storefronts, so an order placed on a
 * storefront names items P21 knows. Deterministic: the same list on every start.
 */
public final class SimCatalog {

    /** An item as the simulators seed it; {@code stock} is the starting quantity per P21 location. */
    public record Item(String sku, String description, BigDecimal price, int stock) {
    }

    private static final String[][] SAMPLE_ITEMS = {
        {"HX-4410", "Hex bolt 3/8 x 2 in, zinc, box of 100", "24.95"},
        {"WSH-0375-Z", "Flat washer 3/8 in, zinc, box of 250", "18.20"},
        {"PVC-SCH40-075-10", "PVC pipe Sch 40, 3/4 in x 10 ft", "6.35"},
        {"BV-075-SWT", "Ball valve 3/4 in, sweat, lead free", "27.95"},
    };

    private static final String[][] FAMILIES = {
        {"HX", "Hex bolt"}, {"WSH", "Flat washer"}, {"NUT", "Hex nut"}, {"PVC", "PVC fitting"},
        {"BV", "Ball valve"}, {"CPL", "Copper coupling"}, {"GSK", "Gasket"}, {"ANC", "Wedge anchor"},
        {"SCR", "Wood screw"}, {"ELB", "Elbow 90 deg"},
    };

    private static final List<Item> ITEMS = build(300);

    private SimCatalog() {
    }

    public static List<Item> items() {
        return ITEMS;
    }

    /** The sample SKUs, which tests and demos use by name. */
    public static List<Item> sampleItems() {
        return ITEMS.subList(0, SAMPLE_ITEMS.length);
    }

    private static List<Item> build(int generated) {
        List<Item> items = new ArrayList<>();
        for (String[] sample : SAMPLE_ITEMS) {
            items.add(new Item(sample[0], sample[1], new BigDecimal(sample[2]), 5_000));
        }
        Random random = new Random(21);
        for (int i = 0; i < generated; i++) {
            String[] family = FAMILIES[i % FAMILIES.length];
            int size = 100 + i;
            BigDecimal price = BigDecimal.valueOf(150 + random.nextInt(9_850), 2).setScale(2, RoundingMode.UNNECESSARY);
            items.add(new Item(family[0] + "-" + size, family[1] + " size " + size, price, 1_000 + random.nextInt(4_000)));
        }
        return List.copyOf(items);
    }
}
