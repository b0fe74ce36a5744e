package dev.p21bridge.transformer.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link MappingSet} compiled: each source's order template, the rules in the order of their file names, and the
 * look-up tables. Compiling is what {@code apply} checks first and what the transformer does once per version.
 */
public final class CompiledMappingSet {

    private final int version;
    private final Map<String, Template> orderTemplates;
    private final List<Template> rules;
    private final LookupTables tables;

    private CompiledMappingSet(int version, Map<String, Template> orderTemplates, List<Template> rules,
                               LookupTables tables) {
        this.version = version;
        this.orderTemplates = Map.copyOf(orderTemplates);
        this.rules = List.copyOf(rules);
        this.tables = tables;
    }

    /** @throws MappingSetException naming the file, line and column of the first problem */
    public static CompiledMappingSet compile(MappingSet set) {
        LookupTables tables = LookupTables.parse(set.tables());
        Map<String, Template> orders = new HashMap<>();
        set.templates(MappingSet.ORDERS).forEach((file, text) -> orders.put(
                file.substring(MappingSet.ORDERS.length(), file.length() - ".jsonata".length()),
                Template.compile(file, text, tables)));
        List<Template> rules = new ArrayList<>();
        set.templates(MappingSet.RULES).forEach((file, text) -> rules.add(Template.compile(file, text, tables)));
        return new CompiledMappingSet(set.version(), orders, rules, tables);
    }

    public int version() {
        return version;
    }

    Optional<Template> orderTemplate(String source) {
        return Optional.ofNullable(orderTemplates.get(source));
    }

    List<Template> rules() {
        return rules;
    }

    LookupTables tables() {
        return tables;
    }
}
