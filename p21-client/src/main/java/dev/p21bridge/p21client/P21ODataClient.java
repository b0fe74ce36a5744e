package dev.p21bridge.p21client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Reads P21 tables through its OData data service ({@code GET /odataservice/odata/table/{table}}), answering the
 * rows of the envelope's {@code value} array. Rows are read with the {@link P21HttpClient}'s JSON mapper, so a caller
 * that needs exact decimals gives the client a mapper that reads them. An envelope without a {@code value} array, or
 * a row that is not an object, is a {@link P21CallException} with status 200: P21 answered, but not with rows.
 */
public final class P21ODataClient {

    private final P21HttpClient http;
    private final HttpUrl tableRoot;

    public P21ODataClient(P21HttpClient http, HttpUrl baseUrl) {
        this.http = http;
        this.tableRoot = baseUrl.newBuilder().addPathSegments("odataservice/odata/table").build();
    }

    /** An OData string literal: single-quoted, a quote inside doubled ({@code 'o''brien@x.com'}). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** The rows of {@code table} matching {@code filter}, at most {@code top}, ordered by {@code orderBy} if given. */
    public List<ObjectNode> query(String table, String filter, String select, String orderBy, int top) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("$filter", filter);
        options.put("$select", select);
        options.put("$top", Integer.toString(top));
        if (orderBy != null) {
            options.put("$orderby", orderBy);
        }
        return query(table, options);
    }

    /**
     * The rows of {@code table} for the given query options ({@code $filter}, {@code $orderby}, {@code $top} ...),
     * sent in the map's order; an option whose value is null is left out.
     */
    public List<ObjectNode> query(String table, Map<String, String> options) {
        HttpUrl.Builder url = tableRoot.newBuilder().addPathSegment(table);
        options.forEach((name, value) -> {
            if (value != null) {
                url.addQueryParameter(name, value);
            }
        });
        JsonNode value = http.get(url.build(), "odata-" + table).path("value");
        if (!value.isArray()) {
            throw new P21CallException(200, "OData answer for " + table + " has no value array");
        }
        List<ObjectNode> rows = new ArrayList<>(value.size());
        for (JsonNode row : value) {
            if (!row.isObject()) {
                throw new P21CallException(200, "OData answer for " + table + " has a row that is not an object");
            }
            rows.add((ObjectNode) row);
        }
        return rows;
    }

    /**
     * Every row of {@code table} matching {@code filter}, read page by page with {@code $top}/{@code $skip} until a
     * short page. Only for small, stable sets such as the detail rows of one pick ticket: a row that changes while
     * the pages are read can move and be read twice or not at all.
     *
     * @param select columns to answer, or null for all
     */
    public List<ObjectNode> queryAll(String table, String filter, String orderBy, String select, int pageSize) {
        List<ObjectNode> all = new ArrayList<>();
        for (int skip = 0; ; skip += pageSize) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("$filter", filter);
            options.put("$select", select);
            options.put("$orderby", orderBy);
            options.put("$top", Integer.toString(pageSize));
            options.put("$skip", Integer.toString(skip));
            List<ObjectNode> page = query(table, options);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
        }
    }
}
