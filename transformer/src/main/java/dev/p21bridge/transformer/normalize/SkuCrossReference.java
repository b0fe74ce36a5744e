package dev.p21bridge.transformer.normalize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Translates a storefront SKU to a P21 item id. Operators load pairs as a CSV file ({@code storefront_sku,p21_item_id},
 * an optional header line, {@code #} comments) or as records of the compacted topic {@code bridge.sku-xref}; the topic
 * wins over the file, and a SKU in neither is its own item id, which is the common case when both systems were set
 * up from one catalogue.
 */
public final class SkuCrossReference {

    private final Map<String, String> fromFile;
    private final Function<String, Optional<String>> fromTopic;

    public SkuCrossReference(Map<String, String> fromFile, Function<String, Optional<String>> fromTopic) {
        this.fromFile = Map.copyOf(fromFile);
        this.fromTopic = fromTopic;
    }

    public static SkuCrossReference none() {
        return new SkuCrossReference(Map.of(), sku -> Optional.empty());
    }

    /** The same references with the topic lookup given (the store is only reachable once the task runs). */
    public SkuCrossReference withTopic(Function<String, Optional<String>> lookup) {
        return new SkuCrossReference(fromFile, lookup);
    }

    /** SKU trimmed and upper-cased: the form in which SKUs are compared and stored. */
    public static String normalizeSku(String sku) {
        return sku.trim().toUpperCase(Locale.ROOT);
    }

    public String p21ItemId(String normalizedSku) {
        return fromTopic.apply(normalizedSku).or(() -> Optional.ofNullable(fromFile.get(normalizedSku)))
                .orElse(normalizedSku);
    }

    public int fileEntries() {
        return fromFile.size();
    }

    /** The pairs loaded from the CSV file, storefront SKU (normalized) to P21 item id. */
    public Map<String, String> filePairs() {
        return fromFile;
    }

    /**
     * Reads the CSV (RFC 4180: quoted cells may hold commas; a UTF-8 byte order mark is ignored); a malformed line
     * fails the start with its line number.
     */
    public static Map<String, String> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        List<CsvRows.Row> rows;
        try {
            rows = CsvRows.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " " + e.getMessage());
        }
        Map<String, String> pairs = new HashMap<>();
        boolean first = true;
        for (CsvRows.Row row : rows) {
            List<String> cells = row.cells();
            String head = cells.get(0).trim();
            boolean header = first && head.toLowerCase(Locale.ROOT).startsWith("storefront_sku");
            first = false;
            if (cells.size() == 1 && head.isEmpty() || head.startsWith("#") || header) {
                continue;
            }
            if (cells.size() != 2 || cells.get(0).isBlank() || cells.get(1).isBlank()) {
                throw new IllegalArgumentException(file + " line " + row.line() + ": expected storefront_sku,p21_item_id");
            }
            pairs.put(normalizeSku(cells.get(0)), cells.get(1).trim());
        }
        return pairs;
    }
}
