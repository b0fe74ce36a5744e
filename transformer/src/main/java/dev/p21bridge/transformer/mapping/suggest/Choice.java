package dev.p21bridge.transformer.mapping.suggest;

import java.util.List;

/**
 * The suggester's decision for one target: the candidate taken (null for the lines array itself, and where nothing
 * was found), the path from the payload's root, the confidence shown and why.
 */
record Choice(Target target, String sourcePath, Candidate candidate, double confidence, List<String> evidence) {

    Choice {
        evidence = List.copyOf(evidence);
    }

    boolean found() {
        return sourcePath != null;
    }

    FieldSuggestion suggestion() {
        return new FieldSuggestion(target.name(), sourcePath, confidence, evidence);
    }
}
