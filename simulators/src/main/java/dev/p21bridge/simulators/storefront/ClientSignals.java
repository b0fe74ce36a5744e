package dev.p21bridge.simulators.storefront;

import java.util.Locale;
import java.util.Random;

/**
 * The shopper's IP address and card fingerprint on a generated order, repeatable per seed: a customer orders again
 * from the same IP with the same card (both derived from its index), while a card tester's IP is new per run and
 * its card new per order. Normal customers' IPs come from first octets of US access networks and risky shoppers'
 * from hosting and foreign ones, so a risky IP never coincides with a customer's by chance. Also what the payment
 * gateway's fraud screen says of a normal order.
 */
final class ClientSignals {

    private static final int[] HOME_OCTETS = {24, 50, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96, 97, 98, 99,
        107, 108, 173, 174};
    private static final int[] RISKY_OCTETS = {5, 31, 37, 41, 45, 46, 77, 78, 89, 91, 102, 105, 177, 179, 185, 186,
        189, 193, 194, 197};

    /** Normal orders the gateway's fraud screen flags for review anyway, per thousand. */
    static final int FALSE_FLAGS_PER_MILLE = 3;

    private final long seed;

    ClientSignals(long seed) {
        this.seed = seed;
    }

    /** The IP customer {@code index} orders from. */
    String customerIp(int index) {
        return ip(HOME_OCTETS, new Random(seed ^ (index * 0x94D049BB133111EBL) ^ 0x1CE4E5B9L));
    }

    /** The fingerprint of customer {@code index}'s card. */
    String customerCard(int index) {
        return fingerprint(new Random(seed ^ (index * 0xBF58476D1CE4E5B9L) ^ 0x94D049BBL));
    }

    /** A risky shopper's IP, new for each {@code key} (the order number its run starts at). */
    String riskyIp(long key) {
        return ip(RISKY_OCTETS, new Random(seed ^ (key * 0xD1B54A32D192ED03L) ^ 0xABCDEF12L));
    }

    /** A card used once: the fingerprint of the card on order {@code number}. */
    String orderCard(long number) {
        return fingerprint(new Random(seed ^ (number * 0x8CB92BA72F3D8DD7L) ^ 0x3C6EF372L));
    }

    /**
     * The gateway's fraud screen on normal order {@code number} of a checkout with the risky mix: a false
     * {@code review} (score 60-90) on about 3 in 1,000, as real screens flag honest buyers; null, nothing said, on
     * the rest.
     */
    FraudCheck gatewayFlag(long number) {
        Random random = new Random(seed ^ (number * 0xFF51AFD7ED558CCDL) ^ 0x4F1BBCDCL);
        return random.nextInt(1_000) < FALSE_FLAGS_PER_MILLE ? FraudCheck.review(60 + random.nextInt(31)) : null;
    }

    private static String ip(int[] firstOctets, Random random) {
        return firstOctets[random.nextInt(firstOctets.length)] + "." + random.nextInt(256) + "." + random.nextInt(256)
                + "." + (1 + random.nextInt(254));
    }

    private static String fingerprint(Random random) {
        return "fp_" + String.format(Locale.ROOT, "%016x", random.nextLong());
    }
}
