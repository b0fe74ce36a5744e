package dev.p21bridge.transformer.mapping.suggest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Scores every source field against one target: seven tenths its name ({@link NameSimilarity}), three tenths its value
 * ({@link ValueShapes}), times how well its place fits the target ({@link Place}) and a small discount for each step
 * away from a plain field (an array's first element, a sum over an array, depth). A value of the wrong shape rules a
 * field out whatever its name; a name that matches nothing rules it out too, except for values whose shape alone
 * says much (an e-mail address, a currency code).
 */
final class CandidateScorer {

    /** Below this a field is not worth listing at all. */
    static final double FLOOR = 0.15;
    private static final double NAME_SHARE = 0.7;
    private static final double FIRST_ELEMENT = 0.85;
    private static final double SUMMED = 0.9;
    private static final double PER_LEVEL = 0.95;

    private CandidateScorer() {
    }

    /** The fields that may fill the target, best first. */
    static List<Candidate> rank(Target target, List<SourceField> fields) {
        List<Candidate> candidates = new ArrayList<>();
        for (SourceField field : fields) {
            Candidate candidate = score(target, field);
            if (candidate != null && candidate.score() >= FLOOR) {
                candidates.add(candidate);
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(candidate -> candidate.field().path().length()));
        return candidates;
    }

    private static Candidate score(Target target, SourceField field) {
        // a name that says little alone (code, amount) is read with its parent's
        boolean qualified = field.qualifiedName() != null;
        NameTokens reading = qualified ? field.qualifiedName() : field.name();
        if (field.summed() && target.shape() != ValueShape.MONEY) {
            return null;
        }
        ValueShapes.Fit shape = ValueShapes.fit(target.shape(), field.values());
        if (shape.score() == 0) {
            return null;
        }
        NameSimilarity.Match name = NameSimilarity.best(target.synonyms(), reading);
        if (qualified && name.found() && !coversParent(name, reading, field.name())) {
            // only the word that says little matched: shop_money.amount is no payment, shipping_status.name no person
            name = NameSimilarity.Match.NONE;
        }
        if (!name.found() && !speaksForItself(target.shape(), shape)) {
            return null;
        }
        Set<String> words = new HashSet<>(field.context());
        words.addAll(name.extras());
        Set<Place> places = Place.of(words);
        // a place the synonym itself names is part of the name, not where the field sits: shipping_status.code
        Set<Place> named = name.found() ? Place.of(name.synonym().name().words()) : Set.of();
        places.removeAll(named);
        double placeFit = named.contains(target.place()) ? 1.0 : target.place().fit(places);
        double base = name.found() ? NAME_SHARE * Math.min(1, name.score()) + (1 - NAME_SHARE) * shape.score()
                : 0.45 * shape.score();
        double score = base * placeFit * Math.pow(FIRST_ELEMENT, field.firstElementSteps())
                * (field.summed() ? SUMMED : 1) * Math.pow(PER_LEVEL, Math.max(0, field.depth() - 1));
        // a favoured word (gmt) lifts a name past its twin without it
        score += Math.max(0, name.score() - 1) * 0.5;
        List<String> evidence = new ArrayList<>();
        evidence.add(name.found() ? nameNote(field, name) : "no name match; shape alone");
        if (shape.note() != null) {
            evidence.add(shape.note());
        }
        placeNote(target, places, placeFit).ifPresent(evidence::add);
        if (field.firstElementSteps() > 0) {
            evidence.add("first element of an array");
        }
        if (field.summed()) {
            evidence.add("sum over an array");
        }
        Synonym.Reshape reshape = name.found() ? name.synonym().reshape() : Synonym.Reshape.AS_IS;
        reshapeNote(reshape).ifPresent(evidence::add);
        return new Candidate(target, field, score, reshape, evidence);
    }

    /**
     * Whether a match on a qualified name ({@code shipping_status.name}) used a word of the parent, or the parent only
     * says where the field is ({@code billing_address.name}, {@code customer.id}).
     */
    private static boolean coversParent(NameSimilarity.Match name, NameTokens reading, NameTokens own) {
        List<String> parent = reading.words().subList(0, reading.words().size() - own.words().size());
        return !name.extras().containsAll(parent) || parent.stream().allMatch(NameSimilarity::isWhere);
    }

    private static boolean speaksForItself(ValueShape wanted, ValueShapes.Fit fit) {
        return (wanted == ValueShape.EMAIL || wanted == ValueShape.CURRENCY) && fit.score() >= 1;
    }

    private static String nameNote(SourceField field, NameSimilarity.Match name) {
        String note = "name '" + field.path() + "' ~ '" + name.synonym().name() + "'";
        return name.synonym().weight() < 0.8 ? note + " (a loose synonym)" : note;
    }

    private static Optional<String> placeNote(Target target, Set<Place> places, double fit) {
        if (fit < 1) {
            return Optional.of(places.isEmpty() ? "not under a " + lower(target.place()) + " object"
                    : "under " + lower(places) + ", not " + lower(target.place()));
        }
        if (target.place() != Place.ORDER && target.place() != Place.LINE && places.contains(target.place())) {
            return Optional.of("under " + lower(target.place()));
        }
        return Optional.empty();
    }

    private static Optional<String> reshapeNote(Synonym.Reshape reshape) {
        return Optional.ofNullable(switch (reshape) {
            case AS_IS -> null;
            case FIRST_LINE -> "first line of a street that may hold several";
            case SECOND_LINE -> "second line of a street that may hold several";
            case FIRST_NAME -> "first name split from a full name";
            case LAST_NAME -> "last name split from a full name";
        });
    }

    private static String lower(Place place) {
        return place.name().toLowerCase(Locale.ROOT);
    }

    private static String lower(Set<Place> places) {
        return String.join(" and ", places.stream().map(CandidateScorer::lower).toList());
    }
}
