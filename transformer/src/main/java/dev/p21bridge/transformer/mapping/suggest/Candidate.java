package dev.p21bridge.transformer.mapping.suggest;

import java.util.ArrayList;
import java.util.List;

/**
 * A source field that may fill a target, with its score (a confidence from 0 to about 1, before the arithmetic of
 * the totals and before it is capped for display) and why.
 */
record Candidate(Target target, SourceField field, double score, Synonym.Reshape reshape, List<String> evidence) {

    Candidate {
        evidence = List.copyOf(evidence);
    }

    /** Same field read the same way: two targets in a group may not share one. */
    String use() {
        return field.path() + " " + reshape;
    }

    Candidate rescored(double newScore, String why) {
        List<String> more = new ArrayList<>(evidence);
        more.add(why);
        return new Candidate(target, field, newScore, reshape, more);
    }
}
