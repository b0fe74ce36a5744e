package dev.p21bridge.simulators.p21;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query options of one OData request: {@code $filter $select $orderby $top $skip $count}. Every option is
 * checked against the table's columns when parsed, so a bad option answers 400 before any row is read.
 * {@code count} is the number of rows matching the filter, before {@code $top}/{@code $skip}.
 */
record ODataQuery(ODataFilter filter, List<String> select, List<SortKey> orderBy, Integer top, int skip,
                  boolean count) {

    /** One {@code $orderby} term. */
    record SortKey(String column, boolean descending) {
    }

    /** The rows of one page and, when {@code $count=true} was asked, the total before paging. */
    record Page(Long count, List<Map<String, Object>> rows) {
    }

    static ODataQuery parse(Map<String, List<String>> params, List<String> columns) {
        String filterText = single(params, "$filter");
        ODataFilter filter = filterText == null || filterText.isBlank() ? null : ODataFilter.parse(filterText, columns);
        return new ODataQuery(filter, select(single(params, "$select"), columns),
                orderBy(single(params, "$orderby"), columns), top(single(params, "$top")),
                nonNegative("$skip", single(params, "$skip"), 0), count(single(params, "$count")));
    }

    Page apply(List<Map<String, Object>> rows) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (filter == null || filter.test(row)) {
                matching.add(row);
            }
        }
        if (!orderBy.isEmpty()) {
            matching.sort(comparator());
        }
        int from = Math.min(skip, matching.size());
        int to = top == null ? matching.size() : (int) Math.min((long) from + top, matching.size());
        List<Map<String, Object>> page = new ArrayList<>(to - from);
        for (Map<String, Object> row : matching.subList(from, to)) {
            page.add(select.isEmpty() ? row : selected(row));
        }
        return new Page(count ? (long) matching.size() : null, page);
    }

    private Comparator<Map<String, Object>> comparator() {
        Comparator<Map<String, Object>> result = null;
        for (SortKey key : orderBy) {
            Comparator<Map<String, Object>> one = (a, b) -> ODataValues.compareForSort(a.get(key.column()), b.get(key.column()));
            one = key.descending() ? one.reversed() : one;
            result = result == null ? one : result.thenComparing(one);
        }
        return result;
    }

    private Map<String, Object> selected(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String column : select) {
            out.put(column, row.get(column));
        }
        return out;
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ODataException(400, "Query option '" + name + "' was specified more than once");
        }
        return values.get(0);
    }

    private static List<String> select(String text, List<String> columns) {
        if (text == null || text.isBlank() || text.trim().equals("*")) {
            return List.of();
        }
        List<String> select = new ArrayList<>();
        for (String part : text.split(",")) {
            select.add(column(part.trim(), columns, "$select"));
        }
        return List.copyOf(select);
    }

    private static List<SortKey> orderBy(String text, List<String> columns) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<SortKey> keys = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length > 2) {
                throw new ODataException(400, "Invalid $orderby term '" + part.trim() + "'");
            }
            String direction = words.length == 2 ? words[1].toLowerCase(Locale.ROOT) : "asc";
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new ODataException(400, "Invalid $orderby direction '" + words[1] + "'; use asc or desc");
            }
            keys.add(new SortKey(column(words[0], columns, "$orderby"), direction.equals("desc")));
        }
        return List.copyOf(keys);
    }

    private static String column(String name, List<String> columns, String option) {
        if (!columns.contains(name)) {
            throw new ODataException(400, "Could not find a property named '" + name + "' (in " + option + ")");
        }
        return name;
    }

    private static Integer top(String text) {
        return text == null ? null : nonNegative("$top", text, 0);
    }

    private static int nonNegative(String option, String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw new ODataException(400, "Invalid value '" + text + "' for " + option + "; expected a non-negative integer");
    }

    private static boolean count(String text) {
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ODataException(400, "Invalid value '" + text + "' for $count; expected true or false");
        };
    }
}
