package dev.p21bridge.transformer.mapping.suggest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the order lines: the array of objects whose elements hold a quantity, a price and, usually, a SKU, named like
 * a list of lines. Structure decides more than the name (three quarters against one), since Shopify's
 * {@code shipping_lines} and X-Cart's {@code surcharges} are arrays of objects with prices too, but no quantities.
 */
final class LineArrays {

    /** The array chosen, its elements' fields, and why. */
    record Lines(ObjectArray array, List<SourceField> fields, double score, List<String> evidence) {
    }

    private static final double ENOUGH = 0.35;
    private static final List<String> CONTENT = List.of("lines[].sku", "lines[].quantity", "lines[].unitPrice");

    private LineArrays() {
    }

    /** @throws UnsuitablePayloadException when no array holds both quantity- and price-like fields */
    static Lines choose(List<ObjectArray> arrays) {
        List<Lines> found = new ArrayList<>();
        for (ObjectArray array : arrays) {
            Lines lines = score(array);
            if (lines != null) {
                found.add(lines);
            }
        }
        if (found.isEmpty()) {
            throw new UnsuitablePayloadException("no array of order lines: " + (arrays.isEmpty()
                    ? "the payload has no array of objects"
                    : "no array of objects holds quantity- and price-like fields (looked at "
                    + String.join(", ", arrays.stream().map(ObjectArray::path).limit(8).toList()) + ")"));
        }
        found.sort(Comparator.comparingDouble(Lines::score).reversed());
        Lines best = found.get(0);
        if (found.size() > 1 && found.get(1).score() > best.score() - 0.1) {
            List<String> evidence = new ArrayList<>(best.evidence());
            evidence.add("close second '" + found.get(1).array().path() + "'");
            return new Lines(best.array(), best.fields(), best.score() * 0.9, evidence);
        }
        return best;
    }

    private static Lines score(ObjectArray array) {
        List<SourceField> fields = PayloadPaths.ofElements(array);
        double content = 0;
        List<String> holds = new ArrayList<>();
        boolean quantity = false;
        boolean price = false;
        for (String name : CONTENT) {
            Target target = FieldCatalog.target(name).orElseThrow();
            List<Candidate> ranked = CandidateScorer.rank(target, fields);
            if (ranked.isEmpty() || ranked.get(0).score() < ENOUGH) {
                continue;
            }
            Candidate best = ranked.get(0);
            content += Math.min(1, best.score());
            holds.add(target.leaf() + " '" + best.field().path() + "'");
            quantity |= name.equals("lines[].quantity");
            price |= name.equals("lines[].unitPrice");
        }
        if (!quantity || !price) {
            return null;
        }
        NameSimilarity.Match name = NameSimilarity.best(FieldCatalog.LINES.synonyms(), array.name());
        double score = (0.25 * Math.min(1, name.score()) + 0.75 * content / CONTENT.size())
                * Math.pow(0.85, array.firstElementSteps()) * Math.pow(0.98, Math.max(0, array.depth() - 1));
        List<String> evidence = new ArrayList<>();
        evidence.add("array of " + array.elements().size() + " object(s) holding " + String.join(", ", holds));
        if (name.found()) {
            evidence.add("name '" + array.path() + "' ~ '" + name.synonym().name() + "'");
        }
        return new Lines(array, fields, score, evidence);
    }
}
