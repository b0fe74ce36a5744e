package dev.p21bridge.simulators.storefront;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Which orders of one checkout are risky and how ({@code "risk": {"share": s}}): {@code round(count x s)} orders in
 * about equal thirds of card-testing runs, reshippers and high-value orders abroad, none among the first 5% (the
 * store's history comes first), laid out at random among the normal ones. Card-testing orders come in runs of 6-10
 * consecutive orders. About 20% of the risky orders carry the gateway's {@code review}. Drawn once per checkout from
 * the seed and the request, so the same seed gives the same mix.
 */
final class RiskyMix {

    /** Where one risky order stands: its pattern, its run (card testing), its place in that run, its gateway flag. */
    record Slot(RiskPattern pattern, int run, int place, FraudCheck fraudCheck) {
        boolean startsRun() {
            return place == 0;
        }
    }

    static final int MIN_RUN = 6;
    static final int MAX_RUN = 10;
    static final int FLAGGED_PERCENT = 20;
    static final int HISTORY_PERCENT = 5;

    private static final RiskyMix NONE = new RiskyMix(new Slot[0]);

    private final Slot[] slots;

    private RiskyMix(Slot[] slots) {
        this.slots = slots;
    }

    /** No risky order: a checkout without {@code risk}. */
    static RiskyMix none() {
        return NONE;
    }

    static RiskyMix plan(long seed, int count, double share) {
        int history = (int) Math.ceil(count * HISTORY_PERCENT / 100.0);
        int risky = Math.min((int) Math.round(count * share), count - history);
        if (risky <= 0) {
            return NONE;
        }
        Random random = new Random(seed ^ (count * 0xE7037ED1A0B428DBL) ^ Double.doubleToLongBits(share));
        List<Integer> runs = runLengths(risky, random);
        int inRuns = runs.stream().mapToInt(Integer::intValue).sum();
        int singles = risky - inRuns;
        int reshippers = (singles + random.nextInt(2)) / 2;
        // items laid out in a shuffled order: a run (its length), a single risky order (-1 or -2), a normal order (0)
        List<Integer> items = new ArrayList<>(runs);
        for (int i = 0; i < singles; i++) {
            items.add(i < reshippers ? -1 : -2);
        }
        for (int i = count - history - risky; i > 0; i--) {
            items.add(0);
        }
        Collections.shuffle(items, random);
        Slot[] slots = new Slot[count];
        List<Integer> positions = new ArrayList<>(risky);
        int position = history;
        int run = 0;
        for (int item : items) {
            if (item > 0) {
                for (int place = 0; place < item; place++) {
                    slots[position] = new Slot(RiskPattern.CARD_TESTING, run, place, null);
                    positions.add(position++);
                }
                run++;
            } else if (item < 0) {
                slots[position] = new Slot(item == -1 ? RiskPattern.RESHIPPER : RiskPattern.HIGH_VALUE_ABROAD, -1, 0,
                        null);
                positions.add(position++);
            } else {
                position++;
            }
        }
        Collections.shuffle(positions, random);
        for (int flagged : positions.subList(0, (int) Math.round(risky * FLAGGED_PERCENT / 100.0))) {
            Slot slot = slots[flagged];
            slots[flagged] = new Slot(slot.pattern(), slot.run(), slot.place(), FraudCheck.review(60 + random.nextInt(31)));
        }
        return new RiskyMix(slots);
    }

    /**
     * The card-testing runs: a third of the risky orders in runs of 6-10; below 11 risky orders there is no run, the
     * reshippers and high-value orders take them all.
     */
    private static List<Integer> runLengths(int risky, Random random) {
        int wanted = (int) Math.round(risky / 3.0);
        int count = (int) Math.round(wanted / 8.0);
        if (count == 0) {
            return List.of();
        }
        int total = Math.max(count * MIN_RUN, Math.min(count * MAX_RUN, wanted));
        int[] lengths = new int[count];
        Arrays.fill(lengths, MIN_RUN);
        for (int extra = total - count * MIN_RUN; extra > 0; extra--) {
            int run = random.nextInt(count);
            while (lengths[run] == MAX_RUN) {
                run = (run + 1) % count;
            }
            lengths[run]++;
        }
        List<Integer> runs = new ArrayList<>(count);
        for (int length : lengths) {
            runs.add(length);
        }
        return runs;
    }

    /** The risky slot of the checkout's {@code position}th order (from 0); empty for a normal order. */
    Optional<Slot> at(int position) {
        return position < slots.length ? Optional.ofNullable(slots[position]) : Optional.empty();
    }

    boolean isEmpty() {
        return slots.length == 0;
    }
}
