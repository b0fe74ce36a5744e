package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Transaction API body ({@code {"Name","UseCodeValues","Transactions":[{"Status","DataElements":[...]}]}}).
 * Edit values are strings in P21; a number or boolean sent instead is read as its text, an empty or null value
 * counts as not sent, and when an edit repeats in a row the last one wins.
 */
record P21TransactionRequest(String serviceName, List<Transaction> transactions) {

    /** One transaction of the set; it passes or fails on its own. */
    record Transaction(List<DataElement> dataElements) {

        /** The named DataElement (case-insensitive), e.g. {@code TABPAGE_1.order}. */
        Optional<DataElement> element(String name) {
            return dataElements.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    /** One DataElement: each row is its edits by field name, in the order sent. */
    record DataElement(String name, List<Map<String, String>> rows) {
    }

    /** Reads the body; throws {@link IllegalArgumentException} when it is not a TransactionSet at all. */
    static P21TransactionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("The request body must be a TransactionSet object");
        }
        JsonNode transactions = body.path("Transactions");
        if (!transactions.isArray() || transactions.isEmpty()) {
            throw new IllegalArgumentException("The TransactionSet has no Transactions");
        }
        List<Transaction> parsed = new ArrayList<>();
        for (JsonNode transaction : transactions) {
            parsed.add(new Transaction(elements(transaction.path("DataElements"))));
        }
        return new P21TransactionRequest(body.path("Name").asText(""), List.copyOf(parsed));
    }

    private static List<DataElement> elements(JsonNode elements) {
        List<DataElement> parsed = new ArrayList<>();
        for (JsonNode element : elements) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (JsonNode row : element.path("Rows")) {
                Map<String, String> edits = new LinkedHashMap<>();
                for (JsonNode edit : row.path("Edits")) {
                    String name = edit.path("Name").asText("");
                    JsonNode value = edit.path("Value");
                    if (name.isEmpty()) {
                        throw new IllegalArgumentException("An edit of " + element.path("Name").asText() + " has no Name");
                    }
                    String text = value.isNull() || value.isMissingNode() ? "" : value.asText();
                    if (text.isEmpty()) {
                        edits.remove(name);
                    } else {
                        edits.put(name, text);
                    }
                }
                rows.add(edits);
            }
            parsed.add(new DataElement(element.path("Name").asText(""), List.copyOf(rows)));
        }
        return List.copyOf(parsed);
    }
}
