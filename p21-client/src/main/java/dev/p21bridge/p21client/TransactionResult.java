package dev.p21bridge.p21client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What P21 made of a {@link TransactionSet}. HTTP 200 does not mean success: {@code Summary} counts the transactions
 * that passed and failed, {@code Messages} says why, and the keys P21 generated ({@code order_no},
 * {@code customer_id}) come back as edits of each data element's first result row.
 *
 * @param resultEdits data element name to the edits of its first result row
 */
public record TransactionResult(int succeeded, int failed, List<String> messages,
                                Map<String, Map<String, String>> resultEdits) {

    private static final String MESSAGE_PREFIX = "Transaction \\d+::\\s*";

    /** Reads P21's answer; throws when it has no {@code Summary}, since then nothing is known about the outcome. */
    public static TransactionResult parse(JsonNode answer) {
        JsonNode summary = answer.path("Summary");
        if (!summary.isObject()) {
            throw new P21CallException(200, "transaction answer without Summary");
        }
        List<String> messages = new ArrayList<>();
        answer.path("Messages").forEach(m -> {
            String text = m.asText().replaceFirst(MESSAGE_PREFIX, "").strip();
            if (!text.isEmpty()) {
                messages.add(text);
            }
        });
        Map<String, Map<String, String>> edits = new LinkedHashMap<>();
        for (JsonNode transaction : answer.path("Results").path("Transactions")) {
            for (JsonNode element : transaction.path("DataElements")) {
                JsonNode firstRow = element.path("Rows").path(0);
                Map<String, String> row = new LinkedHashMap<>();
                firstRow.path("Edits").forEach(e -> row.put(e.path("Name").asText(), e.path("Value").asText()));
                edits.putIfAbsent(element.path("Name").asText(), row);
            }
        }
        return new TransactionResult(summary.path("Succeeded").asInt(), summary.path("Failed").asInt(),
                List.copyOf(messages), edits);
    }

    /** Every transaction passed; with one transaction per set, the record was written. */
    public boolean passed() {
        return succeeded > 0 && failed == 0;
    }

    public Optional<String> edit(String dataElement, String field) {
        String value = resultEdits.getOrDefault(dataElement, Map.of()).get(field);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** P21's messages as one sentence for an operator; a generic one when P21 gave none. */
    public String message() {
        return messages.isEmpty()
                ? "P21 failed the transaction without a message (succeeded " + succeeded + ", failed " + failed + ")"
                : String.join("; ", messages);
    }
}
