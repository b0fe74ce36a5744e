package dev.p21bridge.transformer.risk;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.RiskAction;
import dev.p21bridge.schemas.RiskAssessment;
import dev.p21bridge.schemas.RiskReason;
import dev.p21bridge.schemas.StoreRisk;
import dev.p21bridge.transformer.mapping.RiskRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores one new order by the operator's {@link RiskRules}: each signal that fires adds its points and a reason in
 * words, the sum is capped at 100, and the score (and any signal's own action) gives the action. Then it records
 * the order in the history the next orders are compared with: its sightings, its total in the store's order values,
 * its quantities in each item's history. Signals are described in docs/risk.md.
 *
 * <p>That history is plain hash maps, owned by the scoring processor of one task and rebuilt from the
 * {@link SightingsLog} when the task starts ({@link #replay}): the one record per order it logs is all the scoring
 * writes to Kafka.
 */
public final class RiskScorer {

    private final Sightings sightings = new Sightings(new HashMap<>());
    private final BuyerHistory buyers = new BuyerHistory(new HashMap<>());
    /** Per store, its order totals. */
    private final Map<String, OrderValueQuantiles> orderValues = new HashMap<>();
    /** Per store and SKU, its quantities per line. */
    private final Map<String, ItemQuantityStats> itemQuantities = new HashMap<>();
    private final SightingsLog log;
    private final Duration memory;
    private RiskRules countingOf;
    private Counting counting;

    /**
     * @param log    the logged sightings this history is rebuilt from and appended to
     * @param memory how far back a buyer counts as known and an address's buyers are counted
     *               ({@code BRIDGE_RISK_HISTORY}); a rule's longer history window is cut to it, and the log keeps as
     *               much (a day at least)
     */
    RiskScorer(SightingsLog log, Duration memory) {
        this.log = log;
        this.memory = memory;
    }

    /**
     * What a rules version makes of the counting: its velocity windows and history cut to what is remembered, and
     * how deep to keep an e-mail's, card's, IP's and address's sightings.
     */
    private record Counting(Duration day, Duration recent, Duration history, int emailDepth, int cardDepth,
                            int ipDepth, int addressDepth) {
    }

    /** What one order's sightings counted, this order included. */
    private record Seen(Sightings.Counts byEmail, Sightings.Counts byCard, Sightings.Counts byIp,
                        Sightings.Counts byAddress, int buyersOfAddress, boolean knownBuyer) {
    }

    /** Rebuilds the history from the log, oldest first, through the counting the orders went through when scored. */
    int replay(RiskRules rules) {
        return log.replay((at, sighting) -> {
            see(sighting, counting(rules), at);
            rememberAmounts(sighting);
        });
    }

    /** Drops sightings of keys idle for a day, and logged orders older than the history. */
    void forget(Instant now) {
        sightings.forgetIdle(now);
        log.forgetBefore(now.minus(memory.compareTo(Sightings.MEMORY) > 0 ? memory : Sightings.MEMORY));
    }

    RiskAssessment score(Order order, RiskRules rules, Instant at, String rulesVersion) {
        Reasons reasons = new Reasons(rules);
        Sighting sighting = Sighting.of(order);
        String store = sighting.store();
        String email = sighting.email();
        String address = sighting.address();
        Counting counting = counting(rules);
        Duration day = counting.day();
        Duration recent = counting.recent();
        Duration history = counting.history();
        Seen seen = see(sighting, counting, at);
        log.append(at, order.getOrderKey(), sighting);

        // velocity: per e-mail, card, IP and address
        reasons.atLeast("orders-per-email", "recent", seen.byEmail().recentOrders(), "orders on one e-mail", recent);
        reasons.atLeast("orders-per-email", "day", seen.byEmail().dayOrders(), "orders on one e-mail", day);
        reasons.atLeast("cards-per-email", "recent", seen.byEmail().recentCards(), "cards on one e-mail", recent);
        if (seen.byCard() != null) {
            reasons.atLeast("orders-per-card", "recent", seen.byCard().recentOrders(), "orders on one card", recent);
            reasons.atLeast("orders-per-card", "day", seen.byCard().dayOrders(), "orders on one card", day);
            reasons.atLeast("emails-per-card", "day", seen.byCard().dayEmails(), "e-mails on one card", day);
        }
        if (seen.byIp() != null) {
            reasons.atLeast("orders-per-ip", "recent", seen.byIp().recentOrders(), "orders from one IP", recent);
            reasons.atLeast("orders-per-ip", "day", seen.byIp().dayOrders(), "orders from one IP", day);
            reasons.atLeast("cards-per-ip", "recent", seen.byIp().recentCards(), "cards from one IP", recent);
            reasons.atLeast("emails-per-ip", "recent", seen.byIp().recentEmails(), "e-mails from one IP", recent);
        }
        if (address != null) {
            reasons.atLeast("orders-per-address", "recent", seen.byAddress().recentOrders(), "orders to one address",
                    recent);
            reasons.atLeast("orders-per-address", "day", seen.byAddress().dayOrders(), "orders to one address", day);
            reasons.atLeast("buyers-per-address", "history", seen.buyersOfAddress(), "buyers shipping to one address",
                    history);
            reasons.flag("blocked-address", rules.listed(RiskRules.BLOCKED_ADDRESSES, address),
                    "the shipping address is on the blocked list");
            reasons.flag("freight-forwarder", rules.listed(RiskRules.FREIGHT_FORWARDERS, address),
                    "ships to a freight forwarder");
        }

        // the order itself
        Address billing = order.getBillingAddress();
        Address shipping = order.getShippingAddress();
        if (billing != null && shipping != null && !billing.getCountryCode().equals(shipping.getCountryCode())) {
            reasons.flag("country-mismatch", true, "billed in " + billing.getCountryCode() + ", shipped to "
                    + shipping.getCountryCode());
        }
        BigDecimal total = order.getTotals().getTotal();
        if (!seen.knownBuyer()) {
            highValueFirstOrder(reasons, rules, orderValues.getOrDefault(store, OrderValueQuantiles.empty()), total);
        }
        unusualQuantity(reasons, rules, store, order.getLines());

        // the e-mail
        String domain = EmailShape.domain(email);
        reasons.flag("disposable-email", disposable(rules, domain), "a disposable e-mail domain");
        reasons.flag("random-email", EmailShape.looksRandom(email), "the e-mail's name looks machine-made");
        String first = order.getCustomer().getFirstName();
        String last = order.getCustomer().getLastName();
        reasons.flag("name-email-mismatch", EmailShape.lacksName(email, first, last), "the e-mail has nothing of the buyer's name");
        reasons.flag("blocked-email", rules.listed(RiskRules.BLOCKED_EMAILS, email)
                || rules.listed(RiskRules.BLOCKED_EMAILS, "@" + domain), "the e-mail is on the blocked list");

        // what the store and its gateway said
        StoreRisk storeRisk = order.getStoreRisk();
        if (storeRisk != null) {
            reasons.flag("store-flag", storeRisk.getFlagged(), "the store flagged it"
                    + (storeRisk.getDetail() == null ? "" : " (" + storeRisk.getDetail() + ")"));
            if (storeRisk.getScore() != null) {
                reasons.atLeast("gateway-score", "above", storeRisk.getScore(), "gateway risk score "
                        + storeRisk.getScore() + " of 100, at least");
            }
        }

        // remember this order's total and quantities for the next ones (its sightings were recorded as they were
        // counted)
        rememberAmounts(sighting);
        return reasons.assessment(rulesVersion);
    }

    private void rememberAmounts(Sighting sighting) {
        orderValues.computeIfAbsent(sighting.store(), store -> OrderValueQuantiles.empty()).add(sighting.total());
        for (Sighting.Line line : sighting.lines()) {
            itemQuantities.merge(itemKey(sighting.store(), line.sku()), ItemQuantityStats.NONE.add(line.quantity()),
                    (stats, one) -> stats.add(line.quantity()));
        }
    }

    private static String itemKey(String store, String sku) {
        return store + '\u0001' + sku;
    }

    /**
     * Counts the order's sightings and records them: per e-mail, card, IP and address over the day, and in the buyer
     * history whether its buyer is known and how many buyers its address had. The same for a live order and for one
     * replayed from the log, so the history rebuilt at a start is the one the scoring had.
     */
    private Seen see(Sighting sighting, Counting counting, Instant at) {
        String store = sighting.store();
        long emailHash = Sightings.hash(sighting.email());
        long cardHash = sighting.card() == null ? 0 : Sightings.hash(sighting.card());
        Duration day = counting.day();
        Duration recent = counting.recent();

        String emailKey = Sightings.key(store, Sightings.Dimension.EMAIL, sighting.email());
        Sightings.Counts byEmail = sightings.countAndRecord(emailKey, emailHash, cardHash, at, recent, day,
                counting.emailDepth());
        Sightings.Counts byCard = sighting.card() == null ? null : sightings.countAndRecord(
                Sightings.key(store, Sightings.Dimension.CARD, sighting.card()), emailHash, cardHash, at, recent, day,
                counting.cardDepth());
        Sightings.Counts byIp = sighting.ip() == null ? null : sightings.countAndRecord(
                Sightings.key(store, Sightings.Dimension.IP, sighting.ip()), emailHash, cardHash, at, recent, day,
                counting.ipDepth());
        Sightings.Counts byAddress = null;
        int buyersOfAddress = 0;
        if (sighting.address() != null) {
            String addressKey = Sightings.key(store, Sightings.Dimension.ADDRESS, sighting.address());
            byAddress = sightings.countAndRecord(addressKey, emailHash, cardHash, at, recent, day,
                    counting.addressDepth());
            buyersOfAddress = buyers.buyersOfAddress(addressKey, emailHash, at, counting.history());
        }
        boolean knownBuyer = buyers.knownBuyer(emailKey, at, counting.history());
        return new Seen(byEmail, byCard, byIp, byAddress, buyersOfAddress, knownBuyer);
    }

    /**
     * The counting of {@code rules}, worked out once per rules version: per order it was a look-up of every
     * threshold of nine signals and of three windows, twice.
     */
    private Counting counting(RiskRules rules) {
        if (rules != countingOf) {
            Duration day = shorter(rules.windows().day(), Sightings.MEMORY);
            counting = new Counting(day, shorter(rules.windows().recent(), day),
                    shorter(rules.windows().history(), memory),
                    depth(rules, "orders-per-email", "cards-per-email"),
                    depth(rules, "orders-per-card", "emails-per-card"),
                    depth(rules, "orders-per-ip", "cards-per-ip", "emails-per-ip"),
                    depth(rules, "orders-per-address", "buyers-per-address"));
            countingOf = rules;
        }
        return counting;
    }

    /**
     * How deep to read a key's sightings: twice the largest threshold of {@code signals} (so a distinct count behind a
     * few repeats is still seen), at least 2 (whether a buyer is new needs one earlier order).
     */
    private static int depth(RiskRules rules, String... signals) {
        double largest = 1;
        for (String name : signals) {
            var signal = rules.signal(name);
            if (signal.isPresent()) {
                for (double threshold : signal.get().settings().values()) {
                    largest = Math.max(largest, threshold);
                }
            }
        }
        return (int) Math.min(Sightings.MOST_KEPT, Math.ceil(largest) * 2);
    }

    private static void highValueFirstOrder(Reasons reasons, RiskRules rules, OrderValueQuantiles values,
                                            BigDecimal total) {
        rules.signal("high-value-first-order").ifPresent(signal -> {
            double above = signal.setting("above", Double.POSITIVE_INFINITY);
            if (Double.isFinite(above) && total.compareTo(BigDecimal.valueOf(above)) >= 0) {
                reasons.fire("high-value-first-order", signal, "a first order of " + total.toPlainString()
                        + ", at least " + BigDecimal.valueOf(above).toPlainString());
                return;
            }
            double q = signal.setting("quantile", 0.95);
            if (values.count() >= signal.setting("minOrders", 50) && q > 0 && q < 1) {
                BigDecimal usual = values.quantile(q);
                BigDecimal bar = usual.multiply(BigDecimal.valueOf(signal.setting("factor", 3)));
                if (usual.signum() > 0 && total.compareTo(bar) >= 0) {
                    reasons.fire("high-value-first-order", signal, "a first order of " + total.toPlainString()
                            + ", over " + BigDecimal.valueOf(signal.setting("factor", 3)).stripTrailingZeros().toPlainString()
                            + " x the store's " + Math.round(q * 100) + "th percentile (" + usual.toPlainString() + ")");
                }
            }
        });
    }

    private void unusualQuantity(Reasons reasons, RiskRules rules, String store, List<OrderLine> lines) {
        var signal = rules.signal("unusual-quantity");
        if (signal.isEmpty()) {
            return;
        }
        String worst = null;
        double worstRatio = 0;
        for (OrderLine line : lines) {
            ItemQuantityStats stats = itemQuantities.getOrDefault(itemKey(store, line.getSku()), ItemQuantityStats.NONE);
            double quantity = line.getQuantity().doubleValue();
            if (stats.count() >= signal.get().setting("minOrders", 20) && stats.mean() > 0) {
                double ratio = quantity / stats.mean();
                boolean outlier = ratio >= signal.get().setting("factor", 5)
                        && quantity > stats.mean() + 3 * stats.deviation();
                if (outlier && ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = line.getQuantity().stripTrailingZeros().toPlainString() + " x " + line.getSku()
                            + " where " + String.format(Locale.ROOT, "%.1f", stats.mean()) + " is usual";
                }
            }
        }
        if (worst != null) {
            reasons.fire("unusual-quantity", signal.get(), worst);
        }
    }

    private static boolean disposable(RiskRules rules, String domain) {
        String candidate = domain;
        while (!candidate.isEmpty()) {
            if (rules.listed(RiskRules.DISPOSABLE_DOMAINS, candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
        return false;
    }

    /** An address as the look-up lists key it: {@code LINE 1|POSTAL CODE|COUNTRY}, upper case, single spaces. */
    static String addressKey(Address address) {
        if (address == null) {
            return null;
        }
        return squeeze(address.getLine1()) + "|" + squeeze(address.getPostalCode()) + "|"
                + address.getCountryCode().toUpperCase(Locale.ROOT);
    }

    /** Trimmed, each run of whitespace (regex {@code \s}) one space, upper case; per order, so without a regex. */
    private static String squeeze(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.trim();
        StringBuilder squeezed = new StringBuilder(trimmed.length());
        boolean inSpace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (!space) {
                squeezed.append(c);
            } else if (!inSpace) {
                squeezed.append(' ');
            }
            inSpace = space;
        }
        return squeezed.toString().toUpperCase(Locale.ROOT);
    }

    private static Duration shorter(Duration window, Duration most) {
        return window.compareTo(most) > 0 ? most : window;
    }

    static String words(Duration window) {
        long minutes = window.toMinutes();
        if (minutes % (24 * 60) == 0) {
            long days = minutes / (24 * 60);
            return days == 1 ? "1 day" : days + " days";
        }
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return minutes + " min";
    }

    /** The reasons of one order, highest points first. */
    private static final class Reasons {

        private final RiskRules rules;
        private final List<RiskReason> fired = new ArrayList<>();
        private RiskAction least = RiskAction.PASS;

        Reasons(RiskRules rules) {
            this.rules = rules;
        }

        /** Fires {@code name} when {@code count} reaches its setting {@code threshold}. */
        void atLeast(String name, String threshold, int count, String what) {
            atLeast(name, threshold, count, what, null);
        }

        /**
         * Fires {@code name} when {@code count} reaches its setting {@code threshold}, saying "count what in window";
         * the words are put together only when it fires, as most orders fire nothing.
         */
        void atLeast(String name, String threshold, int count, String what, Duration window) {
            rules.signal(name).ifPresent(signal -> {
                double bar = signal.setting(threshold, Double.POSITIVE_INFINITY);
                if (count >= bar && fired.stream().noneMatch(reason -> reason.getSignal().equals(name))) {
                    fire(name, signal, count + " " + what + (window == null ? "" : " in " + words(window)));
                }
            });
        }

        void flag(String name, boolean fires, String what) {
            if (fires) {
                rules.signal(name).ifPresent(signal -> fire(name, signal, what));
            }
        }

        void fire(String name, RiskRules.Signal signal, String detail) {
            if (signal.points() == 0 && signal.action() == RiskAction.PASS) {
                return;
            }
            fired.add(new RiskReason(name, detail, signal.points()));
            if (signal.action().ordinal() > least.ordinal()) {
                least = signal.action();
            }
        }

        RiskAssessment assessment(String rulesVersion) {
            fired.sort(Comparator.comparingInt(RiskReason::getPoints).reversed());
            int score = Math.min(100, fired.stream().mapToInt(RiskReason::getPoints).sum());
            RiskAction action = rules.reject().isPresent() && score >= rules.reject().get() ? RiskAction.REJECT
                    : score >= rules.hold() ? RiskAction.HOLD : RiskAction.PASS;
            if (least.ordinal() > action.ordinal()) {
                action = least;
            }
            return new RiskAssessment(score, action, List.copyOf(fired), rulesVersion);
        }
    }
}
