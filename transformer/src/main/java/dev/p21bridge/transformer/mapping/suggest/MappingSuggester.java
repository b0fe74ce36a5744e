package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Drafts a mapping template from one sample order of a storefront the bridge has never seen: walks the payload
 * ({@link PayloadPaths}), finds the lines ({@link LineArrays}), scores every field against every target
 * ({@link CandidateScorer}), lets the sums decide between amounts ({@link TotalsArithmetic}), and writes the template
 * ({@link TemplateDraft}). Inference from one sample: a field empty in the sample, or two fields equal in it, cannot
 * be told apart, and the confidence says so; an operator reviews the draft before it is used.
 */
public final class MappingSuggester {

    /** Below this a candidate is not suggested: the target is reported as having none. */
    static final double ACCEPT = 0.35;
    /** The most a suggestion from one sample is trusted. */
    static final double CAP = 0.95;
    /** A runner-up this close makes the choice a coin toss the confidence must show. */
    private static final double CLOSE = 0.05;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The payload of a file's text, with floats as exact decimals. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UnsuitablePayloadException("not JSON: the file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UnsuitablePayloadException("not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** @throws UnsuitablePayloadException when the payload is no JSON object or holds no array of lines */
    public MappingSuggestion suggest(String source, JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new UnsuitablePayloadException("the payload is " + kind(payload) + ", not an order object: a mapping"
                    + " is drafted from one order as a JSON object");
        }
        PayloadPaths paths = PayloadPaths.of(payload);
        LineArrays.Lines lines = LineArrays.choose(paths.arrays());
        Map<String, List<Candidate>> ranked = new LinkedHashMap<>();
        for (Target target : FieldCatalog.targets()) {
            if (target != FieldCatalog.LINES) {
                ranked.put(target.name(), CandidateScorer.rank(target, target.isLineField() ? lines.fields() : paths.fields()));
            }
        }
        Map<String, Choice> choices = choose(ranked, lines);
        List<Choice> ordered = FieldCatalog.targets().stream().map(target -> choices.get(target.name())).toList();
        return new MappingSuggestion(source, TemplateDraft.write(source, ordered, lines.array().path()),
                ordered.stream().map(Choice::suggestion).toList());
    }

    /** The lines, then the amounts the sums chose, then every other target, strongest claims first. */
    private static Map<String, Choice> choose(Map<String, List<Candidate>> ranked, LineArrays.Lines lines) {
        Map<String, Choice> choices = new HashMap<>();
        Map<String, Set<String>> used = new HashMap<>();
        choices.put(FieldCatalog.LINES.name(), new Choice(FieldCatalog.LINES, lines.array().path(), null,
                display(lines.score()), lines.evidence()));
        TotalsArithmetic.balance(ranked).ifPresent(outcome -> outcome.chosen().forEach((name, candidate) -> {
            Target target = FieldCatalog.target(name).orElseThrow();
            if (candidate.isPresent() && candidate.get().score() >= ACCEPT) {
                choices.put(name, taken(candidate.get(), ranked.get(name), lines, true));
                used.computeIfAbsent(target.group(), group -> new HashSet<>()).add(candidate.get().use());
            } else {
                choices.put(name, none(target, Optional.ofNullable(outcome.passedOver().get(name))));
            }
        }));
        List<Target> rest = new ArrayList<>(FieldCatalog.targets().stream()
                .filter(target -> !choices.containsKey(target.name())).toList());
        // the strongest claims first, so a weak target cannot take a field a strong one needs
        rest.sort(Comparator.comparingDouble((Target target) -> ranked.get(target.name()).stream().findFirst()
                .map(Candidate::score).orElse(0.0)).reversed());
        for (Target target : rest) {
            Set<String> taken = target.group() == null ? Set.of() : used.getOrDefault(target.group(), Set.of());
            List<Candidate> free = ranked.get(target.name()).stream().filter(c -> !taken.contains(c.use())).toList();
            if (free.isEmpty() || free.get(0).score() < ACCEPT) {
                choices.put(target.name(), none(target, free.stream().findFirst().map(weak -> String.format(Locale.ROOT,
                        "best was '%s' at %.2f, below %.2f", weak.field().path(), weak.score(), ACCEPT))));
                continue;
            }
            Candidate best = free.get(0);
            if (target.group() != null) {
                used.computeIfAbsent(target.group(), group -> new HashSet<>()).add(best.use());
            }
            choices.put(target.name(), taken(best, free, lines, false));
        }
        return choices;
    }

    private static Choice none(Target target, Optional<String> why) {
        List<String> evidence = new ArrayList<>(List.of("no candidate"));
        why.ifPresent(evidence::add);
        return new Choice(target, null, null, 0, evidence);
    }

    /**
     * The choice of {@code chosen}, with less confidence when a different field scored nearly as well; for a choice
     * the sums made, only a field with the same values is such a rival, since the sums ruled out the others.
     */
    private static Choice taken(Candidate chosen, List<Candidate> ranked, LineArrays.Lines lines, boolean bySums) {
        double score = chosen.score();
        List<String> evidence = new ArrayList<>(chosen.evidence());
        Optional<Candidate> rival = ranked.stream()
                .filter(other -> !other.field().path().equals(chosen.field().path()))
                .filter(other -> other.score() >= rawScore(chosen, ranked) - CLOSE)
                .filter(other -> !bySums || sameNumbers(other.field(), chosen.field()))
                .findFirst();
        if (rival.isPresent()) {
            score *= 0.9;
            evidence.add("close second '" + rival.get().field().path() + "'");
        }
        String path = chosen.target().isLineField() ? lines.array().path() + "." + chosen.field().path()
                : chosen.field().path();
        return new Choice(chosen.target(), path, chosen, display(score), evidence);
    }

    /** The score the candidate had before the arithmetic rescored it. */
    private static double rawScore(Candidate chosen, List<Candidate> ranked) {
        return ranked.stream().filter(other -> other.use().equals(chosen.use())).findFirst()
                .map(Candidate::score).orElse(chosen.score());
    }

    private static boolean sameNumbers(SourceField a, SourceField b) {
        if (a.values().size() != b.values().size()) {
            return false;
        }
        for (int i = 0; i < a.values().size(); i++) {
            Optional<java.math.BigDecimal> x = ValueShapes.decimal(a.values().get(i));
            Optional<java.math.BigDecimal> y = ValueShapes.decimal(b.values().get(i));
            if (x.isEmpty() || y.isEmpty() || x.get().compareTo(y.get()) != 0) {
                return false;
            }
        }
        return true;
    }

    private static double display(double score) {
        return Math.round(Math.min(CAP, Math.max(0, score)) * 100) / 100.0;
    }

    private static String kind(JsonNode payload) {
        if (payload == null || payload.isMissingNode()) {
            return "empty";
        }
        return switch (payload.getNodeType()) {
            case ARRAY -> "a JSON array";
            case STRING -> "a JSON string";
            case NUMBER -> "a JSON number";
            case BOOLEAN -> "a JSON boolean";
            case NULL -> "JSON null";
            default -> "not an object";
        };
    }
}
