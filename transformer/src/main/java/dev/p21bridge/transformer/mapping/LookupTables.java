package dev.p21bridge.transformer.mapping;

import dev.p21bridge.transformer.normalize.CsvRows;
import dev.p21bridge.transformer.normalize.Echo;
import dev.p21bridge.transformer.normalize.MappingException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The look-up tables of a mapping set: {@code tables/NAME.csv}, a header row and then {@code key,value} rows, as an
 * operator keeps ship-via codes, terms, sales reps or status maps in a spreadsheet. Keys compare without case and
 * surrounding blanks ({@code "ups ground"} finds {@code UPS Ground}), as storefronts vary the case of the names they
 * send; a key written twice is refused, since which row wins would be a guess.
 */
public final class LookupTables {

    private final Map<String, Map<String, String>> tables;

    private LookupTables(Map<String, Map<String, String>> tables) {
        this.tables = Map.copyOf(tables);
    }

    public static LookupTables none() {
        return new LookupTables(Map.of());
    }

    /**
     * The tables of {@code csvByName} (table name to CSV text).
     *
     * @throws MappingSetException naming the file and line of a row without two cells or of a key written twice
     */
    public static LookupTables parse(Map<String, String> csvByName) {
        Map<String, Map<String, String>> tables = new HashMap<>();
        csvByName.forEach((name, csv) -> {
            String file = MappingSet.TABLES + name + ".csv";
            List<CsvRows.Row> rows;
            try {
                rows = CsvRows.parse(csv);
            } catch (IllegalArgumentException e) {
                throw new MappingSetException(file, 0, 0, e.getMessage());
            }
            Map<String, String> table = new HashMap<>();
            for (CsvRows.Row row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                if (row.cells().size() == 1 && row.cells().get(0).isBlank()) {
                    continue;
                }
                if (row.cells().size() != 2) {
                    throw new MappingSetException(file, row.line(), 1, "a row needs two cells, key and value; got "
                            + row.cells().size());
                }
                String key = key(row.cells().get(0));
                if (table.put(key, row.cells().get(1).trim()) != null) {
                    throw new MappingSetException(file, row.line(), 1, "key " + Echo.quoted(row.cells().get(0).trim())
                            + " is written twice");
                }
            }
            tables.put(name, table);
        });
        return new LookupTables(tables);
    }

    /** The value of {@code key} in {@code table}; empty when the table has no such row. */
    public Optional<String> find(String table, String key) {
        Map<String, String> rows = tables.get(table);
        if (rows == null) {
            throw new MappingException("there is no look-up table " + Echo.quoted(table) + " (known: "
                    + tables.keySet().stream().sorted().toList() + "); add " + MappingSet.TABLES + table + ".csv");
        }
        return key == null ? Optional.empty() : Optional.ofNullable(rows.get(key(key)));
    }

    public boolean has(String table) {
        return tables.containsKey(table);
    }

    private static String key(String text) {
        return text.trim().toUpperCase(Locale.ROOT);
    }
}
