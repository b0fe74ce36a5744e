package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /uiserver0/api/v2/transaction}: runs each transaction of a set on its own and answers P21's envelope.
 * Business outcomes are always HTTP 200; the caller must read {@code Summary}. {@code Results} lists only the passed
 * transactions and is null when none passed; {@code Messages} has one {@code "Transaction N:: <message>"} per
 * transaction, the message empty on success.
 */
final class P21TransactionService {

    private final Map<String, P21TransactionHandler> handlers = new LinkedHashMap<>();

    P21TransactionService(List<P21TransactionHandler> handlers) {
        handlers.forEach(h -> this.handlers.put(h.serviceName().toLowerCase(Locale.ROOT), h));
    }

    /** Throws {@link IllegalArgumentException} when the body is not a TransactionSet (an HTTP 400 in P21). */
    Map<String, Object> run(JsonNode body) {
        P21TransactionRequest request = P21TransactionRequest.parse(body);
        P21TransactionHandler handler = handlers.get(request.serviceName().toLowerCase(Locale.ROOT));
        List<String> messages = new ArrayList<>();
        List<Map<String, Object>> passed = new ArrayList<>();
        int number = 0;
        for (P21TransactionRequest.Transaction transaction : request.transactions()) {
            number++;
            try {
                if (handler == null) {
                    throw new P21Rejection("Service '" + request.serviceName() + "' was not found");
                }
                passed.add(passedTransaction(handler.apply(transaction)));
                messages.add("Transaction " + number + ":: ");
            } catch (P21Rejection rejection) {
                messages.add("Transaction " + number + ":: " + rejection.getMessage());
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Messages", messages);
        answer.put("Results", passed.isEmpty() ? null : ordered("Name", request.serviceName(), "Transactions", passed));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("Succeeded", passed.size());
        summary.put("Failed", number - passed.size());
        summary.put("Other", 0);
        answer.put("Summary", summary);
        return answer;
    }

    private static Map<String, Object> passedTransaction(List<P21TransactionHandler.ResultElement> elements) {
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (P21TransactionHandler.ResultElement element : elements) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, String> row : element.rows()) {
                List<Map<String, Object>> edits = new ArrayList<>();
                row.forEach((name, value) -> edits.add(ordered("Name", name, "Value", value)));
                rows.add(ordered("Edits", edits));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Name", element.name());
            out.put("Rows", rows);
            rendered.add(out);
        }
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("DataElements", rendered);
        transaction.put("Status", "Passed");
        return transaction;
    }

    /** A JSON object with its keys in the order given, as P21 writes them. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
