package dev.p21bridge.transformer.mapping.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How much a source field's name says it holds a target, from its synonyms: the whole name ({@code zip_code} is
 * {@code zip code}), or a synonym inside a longer name ({@code date_created_gmt} holds {@code date created}). Each word
 * beyond the synonym costs, by what it usually means: {@code gmt} nothing, a word naming a place
 * ({@code customer_email}) next to nothing since {@link Place} weighs it, a word like {@code base}, {@code invoiced}
 * or {@code original} much, since such a field is a near twin of the one wanted (Magento's {@code base_grand_total}).
 */
final class NameSimilarity {

    /** The result: 0 when no synonym is in the name. {@code extras} are the name's words beyond the synonym. */
    record Match(double score, Synonym synonym, List<String> extras) {
        static final Match NONE = new Match(0, null, List.of());

        boolean found() {
            return score > 0;
        }
    }

    private static final Set<String> FAVOURED = Set.of("gmt", "utc");
    private static final Set<String> GENERIC = Set.of("id", "code", "value", "amount", "name", "type", "text",
            "label", "val", "title");
    /** Words that make a field an identifier or a count of the thing named, not the thing: {@code shipping_id}. */
    private static final Set<String> POINTERS = Set.of("id", "ids", "number", "count", "qty", "notify", "flag", "is",
            "has", "sent", "enabled");
    /** Words that add nothing to a name beside them: an address's {@code name} is its addressee. */
    private static final Set<String> NEUTRAL = Set.of("address", "addresses", "default", "details", "detail", "info",
            "data", "attributes", "extension", "fields");
    /** Words that make a name part of one: {@code last_name} is no full name. */
    private static final Set<String> PARTS = Set.of("first", "last", "given", "family", "middle", "sur");
    private static final Set<String> TWINS = Set.of("base", "original", "invoiced", "refunded", "canceled",
            "cancelled", "shipped", "due", "discounted", "formatted", "display", "presentment", "local", "compensation",
            "incl", "percent", "rate", "weight", "before", "previous", "old", "estimated", "outstanding", "received",
            "tip", "allocated", "refund", "returned", "backordered", "fulfillable", "global", "store");
    private static final double FLOOR = 0.3;

    private NameSimilarity() {
    }

    /** Whether a word says little on its own: a field called {@code code} takes its meaning from its parent. */
    static boolean isGeneric(String word) {
        return GENERIC.contains(word);
    }

    /** Whether a word only says where a field is: a place ({@code billing}) or a word like {@code address}. */
    static boolean isWhere(String word) {
        return Place.isPlaceWord(word) || NEUTRAL.contains(word);
    }

    static Match best(List<Synonym> synonyms, NameTokens name) {
        Match best = Match.NONE;
        for (Synonym synonym : synonyms) {
            Match match = match(synonym, name);
            if (match.score() > best.score()) {
                best = match;
            }
        }
        return best;
    }

    static Match match(Synonym synonym, NameTokens name) {
        List<String> words = name.words();
        String wanted = synonym.name().joined();
        if (wanted.isEmpty() || words.isEmpty()) {
            return Match.NONE;
        }
        for (int from = 0; from < words.size(); from++) {
            StringBuilder run = new StringBuilder();
            for (int to = from; to < words.size() && run.length() < wanted.length(); to++) {
                run.append(words.get(to));
                if (run.toString().equals(wanted)) {
                    List<String> extras = new ArrayList<>(words.subList(0, from));
                    extras.addAll(words.subList(to + 1, words.size()));
                    return scored(synonym, extras, 0);
                }
            }
        }
        if (words.containsAll(synonym.name().words())) {
            List<String> extras = new ArrayList<>(words);
            extras.removeAll(synonym.name().words());
            return scored(synonym, extras, 0.05);
        }
        return Match.NONE;
    }

    private static Match scored(Synonym synonym, List<String> extras, double disorder) {
        boolean placesOnly = extras.stream().allMatch(NameSimilarity::isWhere);
        if (extras.stream().anyMatch(PARTS::contains)
                || (synonym.reshape() != Synonym.Reshape.AS_IS && !placesOnly)) {
            // a reshape splits a whole street or name: street_1 or first_name is a part already
            return Match.NONE;
        }
        if (!placesOnly && synonym.name().words().size() == 1 && GENERIC.contains(synonym.name().joined())) {
            // a word that says little names the field only alone or beside a place: customer_name, not country_name
            return Match.NONE;
        }
        double cost = disorder;
        double bonus = 0;
        for (String extra : extras) {
            if (FAVOURED.contains(extra)) {
                bonus += 0.02;
            } else if (isWhere(extra)) {
                cost += 0.02;
            } else if (POINTERS.contains(extra)) {
                cost += 0.4;
            } else if (GENERIC.contains(extra)) {
                cost += 0.08;
            } else if (TWINS.contains(extra)) {
                cost += 0.3;
            } else {
                cost += 0.15;
            }
        }
        double score = synonym.weight() * Math.max(FLOOR, 1 - cost) + bonus;
        return new Match(score, synonym, List.copyOf(extras));
    }
}
