package dev.p21bridge.transformer.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link MappingSet} compiled: each source's templates, the order rules in the order of their file names, and the
 * look-up tables. Compiling is what {@code apply} checks first and what the transformer does once per version.
 */
public final class CompiledMappingSet {

    private final int version;
    /** By {@code <kind>/<source>}: {@code orders/xcart}. */
    private final Map<String, Template> templates;
    private final List<Template> rules;
    private final LookupTables tables;

    private CompiledMappingSet(int version, Map<String, Template> templates, List<Template> rules,
                               LookupTables tables) {
        this.version = version;
        this.templates = Map.copyOf(templates);
        this.rules = List.copyOf(rules);
        this.tables = tables;
    }

    /** @throws MappingSetException naming the file, line and column of the first problem */
    public static CompiledMappingSet compile(MappingSet set) {
        LookupTables tables = LookupTables.parse(set.tables());
        Map<String, Template> templates = new HashMap<>();
        for (String kind : MappingSet.KINDS) {
            set.templates(kind).forEach((file, text) -> templates.put(
                    file.substring(0, file.length() - ".jsonata".length()), Template.compile(file, text, tables)));
        }
        List<Template> rules = new ArrayList<>();
        set.templates(MappingSet.RULES).forEach((file, text) -> rules.add(Template.compile(file, text, tables)));
        // checked here so apply refuses a set whose risk rules are wrong; the risk scoring reads them itself
        // (RiskRules.of), without compiling the templates
        RiskRules.parse(set.files().get(RiskRules.FILE), tables);
        return new CompiledMappingSet(set.version(), templates, rules, tables);
    }

    public int version() {
        return version;
    }

    /** The template of {@code kind} ({@link MappingSet#ORDERS}, ...) for {@code source}. */
    Optional<Template> template(String kind, String source) {
        return Optional.ofNullable(templates.get(kind + source));
    }

    List<Template> rules() {
        return rules;
    }

    LookupTables tables() {
        return tables;
    }
}
