package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Fixes what makes an order risky for its {@link RiskyMix.Slot}; {@link OrderGenerator} draws the rest as for any
 * order. Repeatable per seed: a run's buyer and IP come from the run's {@code anchor} (the order number it starts
 * at), everything else from the order's number.
 *
 * <ul>
 *   <li>card testing: the run's new buyer and IP, a new card on each order, one line under $40, UPS Ground;</li>
 *   <li>reshipper: a new buyer billed abroad, shipping to one of {@link FreightForwarder#ADDRESSES}, a normal cart;</li>
 *   <li>high-value abroad: a new buyer billed in the US, shipping abroad, many units of the dearest items in stock
 *       up to 6-10 times the checkout's typical order (at least 5 times it), UPS Next Day Air.</li>
 * </ul>
 */
final class RiskyOrders {

    /** What a risky order fixes; {@code cart} null draws a normal cart. */
    record Draw(Customer buyer, List<Pick> cart, String shippingMethod, OrderRisk risk) {
    }

    /** A product and how many of it go in the cart. */
    record Pick(ProductView product, int quantity) {
    }

    static final BigDecimal CHEAP = new BigDecimal("40");
    private static final int DEAREST = 40;
    private static final int MAX_HIGH_VALUE_LINES = 25;

    private final long seed;
    private final ClientSignals signals;
    private final RiskyBuyers buyers;

    RiskyOrders(long seed, ClientSignals signals) {
        this.seed = seed;
        this.signals = signals;
        this.buyers = new RiskyBuyers(seed);
    }

    /** The risky orders of a checkout of {@code count} orders asking for {@code share} of them; 0 none. */
    RiskyMix mix(int count, double share) {
        return share <= 0 ? RiskyMix.none() : RiskyMix.plan(seed, count, share);
    }

    /**
     * @param anchor  the number of the first order of the slot's run, the order's own number outside a run
     * @param typical the checkout's typical order total so far, which a high-value order is far above
     */
    Draw draw(RiskyMix.Slot slot, long number, long anchor, BigDecimal typical, List<ProductView> products) {
        Random buyer = new Random(seed ^ (anchor * 0x9E6C63D0676A9A99L) ^ 0x2F3A4B5CL);
        Random order = new Random(seed ^ (number * 0xA0761D6478BD642FL) ^ 0x7C3E9D1BL);
        String card = signals.orderCard(number);
        return switch (slot.pattern()) {
            case CARD_TESTING -> new Draw(buyers.cardTester(anchor, buyer), cheapCart(products, order),
                    "UPS Ground", new OrderRisk(signals.riskyIp(anchor), card, slot.fraudCheck(), slot.pattern()));
            case RESHIPPER -> {
                FreightForwarder forwarder = FreightForwarder.ADDRESSES.get(order.nextInt(
                        FreightForwarder.ADDRESSES.size()));
                yield new Draw(buyers.reshipper(anchor, forwarder, buyer), null, null,
                        new OrderRisk(signals.riskyIp(anchor), card, slot.fraudCheck(), slot.pattern()));
            }
            case HIGH_VALUE_ABROAD -> new Draw(buyers.abroadShopper(anchor, buyer),
                    dearCart(products, typical.multiply(BigDecimal.valueOf(6 + order.nextInt(5))), order),
                    "UPS Next Day Air", new OrderRisk(signals.riskyIp(anchor), card, slot.fraudCheck(),
                    slot.pattern()));
        };
    }

    /** One unit of an item under $40 in stock; an empty cart (the order is refused) when there is none. */
    private static List<Pick> cheapCart(List<ProductView> products, Random random) {
        List<ProductView> cheap = products.stream()
                .filter(p -> p.enabled() && p.amount() > 0 && p.price().compareTo(CHEAP) < 0).toList();
        if (cheap.isEmpty()) {
            return List.of();
        }
        return List.of(new Pick(cheap.get(random.nextInt(cheap.size())), 1));
    }

    /** Dozens of units of the dearest items in stock, never more than shown, until the subtotal reaches {@code target}. */
    private static List<Pick> dearCart(List<ProductView> products, BigDecimal target, Random random) {
        List<ProductView> dearest = new ArrayList<>(products.stream().filter(p -> p.enabled() && p.amount() > 0)
                .sorted(Comparator.comparing(ProductView::price).reversed()).limit(DEAREST).toList());
        Collections.shuffle(dearest, random);
        List<Pick> cart = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (ProductView product : dearest) {
            if (subtotal.compareTo(target) >= 0 || cart.size() == MAX_HIGH_VALUE_LINES) {
                break;
            }
            int quantity = Math.min(product.amount(), 40 + random.nextInt(120));
            cart.add(new Pick(product, quantity));
            subtotal = subtotal.add(product.price().multiply(BigDecimal.valueOf(quantity)));
        }
        return cart;
    }
}
