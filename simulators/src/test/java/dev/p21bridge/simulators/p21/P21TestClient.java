package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Calls a running simulator over HTTP, as the bridge would; holds one bearer token once {@link #login()} ran. */
final class P21TestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A status and the parsed JSON body (null when the body is empty or not JSON). */
    record Answer(int status, JsonNode body, String text) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    P21TestClient(String base) {
        this.base = base;
    }

    P21TestClient login() {
        Answer answer = post("/api/security/token/v2", Map.of("username", "p21api", "password", "p21-dev-password"));
        if (answer.status() != 200) {
            throw new IllegalStateException("login failed: " + answer.text());
        }
        token = answer.body().get("AccessToken").asText();
        return this;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, Object body) {
        return postRaw(path, write(body));
    }

    Answer postRaw(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON; the text is still there for the assertion message
            }
            return new Answer(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** {@code GET /odataservice/odata/table/<table>?<option>=<value>&...}, values URL-encoded. */
    Answer odata(String table, String... optionsAndValues) {
        StringBuilder path = new StringBuilder("/odataservice/odata/table/").append(table);
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            path.append(i == 0 ? '?' : '&').append(optionsAndValues[i]).append('=')
                    .append(URLEncoder.encode(optionsAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return get(path.toString());
    }

    /** Posts a TransactionSet to the UI server. */
    Answer transaction(ObjectNode set) {
        return post("/uiserver0/api/v2/transaction", set);
    }

    /** An {@code Order} TransactionSet with one transaction: the header edits, then item/quantity pairs. */
    static ObjectNode orderSet(Map<String, String> header, String... itemsAndQuantities) {
        ObjectNode set = set("Order");
        ObjectNode transaction = ((ArrayNode) set.get("Transactions")).addObject();
        addOrder(transaction, header, itemsAndQuantities);
        return set;
    }

    static ObjectNode set(String service) {
        ObjectNode set = JSON.createObjectNode();
        set.put("Name", service);
        set.put("UseCodeValues", false);
        set.putArray("Transactions");
        return set;
    }

    static void addOrder(ObjectNode transaction, Map<String, String> header, String... itemsAndQuantities) {
        transaction.put("Status", "New");
        ArrayNode elements = transaction.putArray("DataElements");
        ObjectNode form = elements.addObject();
        form.put("Name", "TABPAGE_1.order");
        form.put("Type", "Form");
        edits(form.putArray("Rows").addObject(), header);
        ObjectNode list = elements.addObject();
        list.put("Name", "TP_ITEMS.items");
        list.put("Type", "List");
        ArrayNode rows = list.putArray("Rows");
        for (int i = 0; i < itemsAndQuantities.length; i += 2) {
            edits(rows.addObject(), Map.of("oe_order_item_id", itemsAndQuantities[i],
                    "unit_quantity", itemsAndQuantities[i + 1]));
        }
    }

    /** A TransactionSet of {@code service} with one transaction holding one form row of {@code edits}. */
    static ObjectNode formSet(String service, String form, Map<String, String> edits) {
        ObjectNode set = set(service);
        ObjectNode transaction = ((ArrayNode) set.get("Transactions")).addObject();
        transaction.put("Status", "New");
        ObjectNode element = transaction.putArray("DataElements").addObject();
        element.put("Name", form);
        element.put("Type", "Form");
        edits(element.putArray("Rows").addObject(), edits);
        return set;
    }

    /** A {@code CashReceipt} TransactionSet with the {@code TABPAGE_1.receipt} edits given. */
    static ObjectNode receiptSet(Map<String, String> edits) {
        return formSet("CashReceipt", "TABPAGE_1.receipt", edits);
    }

    /** An {@code RMA} TransactionSet: the header edits, then one {@code TP_ITEMS.items} row per map. */
    @SafeVarargs
    static ObjectNode rmaSet(Map<String, String> header, Map<String, String>... rows) {
        ObjectNode set = formSet("RMA", "TABPAGE_1.order", header);
        ObjectNode list = ((ArrayNode) set.at("/Transactions/0/DataElements")).addObject();
        list.put("Name", "TP_ITEMS.items");
        list.put("Type", "List");
        ArrayNode out = list.putArray("Rows");
        for (Map<String, String> row : rows) {
            edits(out.addObject(), row);
        }
        return set;
    }

    static void edits(ObjectNode row, Map<String, String> edits) {
        ArrayNode array = row.putArray("Edits");
        edits.forEach((name, value) -> array.addObject().put("Name", name).put("Value", value));
        row.putArray("RelativeDateEdits");
    }

    /** The value of the named edit in the first row of the named result DataElement of passed transaction {@code n}. */
    static String resultEdit(JsonNode answer, int n, String element, String edit) {
        for (JsonNode e : answer.at("/Results/Transactions/" + n + "/DataElements")) {
            if (e.get("Name").asText().equals(element)) {
                for (JsonNode ed : e.at("/Rows/0/Edits")) {
                    if (ed.get("Name").asText().equals(edit)) {
                        return ed.get("Value").asText();
                    }
                }
            }
        }
        return null;
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
