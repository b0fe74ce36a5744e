package dev.p21bridge.p21client;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A P21 of the tests: the token endpoint ({@link StubP21Tokens}) and P21's OData tables, from memory, with the P21
 * simulator's semantics: every change gets a {@code date_last_modified} later than the one before (ms precision),
 * {@code $filter} ({@code eq ne gt ge lt le and or}, parentheses), {@code $orderby}, {@code $top}, {@code $skip},
 * {@code $select}, bearer tokens that expire or can be revoked, and an on/off fault that answers a fixed status.
 */
public final class StubP21 implements AutoCloseable {

    public static final String USERNAME = "p21api";
    public static final String PASSWORD = "stub-password";
    /** The column every change stamps; the poller's windows are read by it. */
    public static final String DATE_LAST_MODIFIED = "date_last_modified";
    /** Exact decimals in and out, as the poller reads rows. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private static final Map<String, List<String>> KEYS = Map.of(
            "inv_loc", List.of("item_id", "location_id"),
            "inv_mast", List.of("item_id"),
            "customer", List.of("customer_id"),
            "oe_hdr", List.of("order_no"),
            "oe_pick_ticket", List.of("pick_ticket_no"),
            "oe_pick_ticket_detail", List.of("pick_ticket_no", "oe_line_no"),
            "invoice_hdr", List.of("invoice_no"),
            "ar_receipts", List.of("receipt_no"));

    private final Map<String, List<ObjectNode>> tables = new HashMap<>();
    private final StubP21Tokens tokens = new StubP21Tokens(USERNAME, PASSWORD, 3_600);
    private final Javalin app;
    private Instant lastChange = Instant.EPOCH;
    private volatile int faultStatus;

    public StubP21() {
        KEYS.keySet().forEach(table -> tables.put(table, new ArrayList<>()));
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/api/security/token/v2", tokens::issue);
            cfg.routes.get("/odataservice/odata/table/{table}", this::odata);
        }).start("127.0.0.1", 0);
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Stamps {@code row} with the next change time and stores it, replacing the row with the same key. */
    public synchronized Instant change(String table, ObjectNode row) {
        Instant at = nextChangeTime();
        put(table, row, at);
        return at;
    }

    /** Stores {@code row} with a given time, as history that existed before the poller started. */
    public synchronized void putHistory(String table, ObjectNode row, Instant at) {
        put(table, row, at);
    }

    /** A pick ticket and its detail rows, written in one change as P21 does. */
    public synchronized Instant ship(ObjectNode ticket, List<ObjectNode> details) {
        Instant at = nextChangeTime();
        put("oe_pick_ticket", ticket, at);
        details.forEach(detail -> put("oe_pick_ticket_detail", detail, at));
        return at;
    }

    /** Every OData call answers {@code status} until {@link #heal()}; 0 ends the fault. */
    public void failWith(int status) {
        faultStatus = status;
    }

    public void heal() {
        faultStatus = 0;
    }

    public void revokeTokens() {
        tokens.revoke();
    }

    public void tokenLifetimeSeconds(long seconds) {
        tokens.lifetimeSeconds(seconds);
    }

    public int tokensIssued() {
        return tokens.issued();
    }

    @Override
    public void close() {
        app.stop();
    }

    private Instant nextChangeTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusMillis(1);
        return lastChange;
    }

    private void put(String table, ObjectNode row, Instant at) {
        row.put(DATE_LAST_MODIFIED, at.toString());
        List<String> keys = KEYS.get(table);
        List<ObjectNode> rows = tables.get(table);
        rows.removeIf(existing -> keys.stream().allMatch(k -> existing.get(k).asText().equals(row.get(k).asText())));
        rows.add(row.deepCopy());
    }

    private void odata(Context ctx) throws IOException {
        if (!tokens.authorized(ctx)) {
            return;
        }
        if (faultStatus != 0) {
            ctx.status(faultStatus).result("{\"error\":{\"code\":\"" + faultStatus + "\",\"message\":\"fault\"}}");
            return;
        }
        String table = ctx.pathParam("table");
        List<ObjectNode> matching;
        synchronized (this) {
            List<ObjectNode> rows = tables.get(table);
            if (rows == null) {
                ctx.status(404).result("{\"error\":{\"code\":\"404\",\"message\":\"Resource not found: table/" + table
                        + "\"}}");
                return;
            }
            String filter = ctx.queryParam("$filter");
            Predicate<ObjectNode> test = filter == null ? row -> true : StubODataFilter.parse(filter);
            matching = new ArrayList<>(rows.stream().filter(test).map(ObjectNode::deepCopy).toList());
        }
        String orderBy = ctx.queryParam("$orderby");
        if (orderBy != null) {
            matching.sort(comparator(orderBy));
        }
        int skip = ctx.queryParam("$skip") == null ? 0 : Integer.parseInt(ctx.queryParam("$skip"));
        int top = ctx.queryParam("$top") == null ? Integer.MAX_VALUE : Integer.parseInt(ctx.queryParam("$top"));
        ObjectNode answer = JSON.createObjectNode().put("@odata.context", url() + "/odataservice/odata/$metadata#" + table);
        ArrayNode value = answer.putArray("value");
        String select = ctx.queryParam("$select");
        matching.stream().skip(skip).limit(top).forEach(row -> value.add(selected(row, select)));
        ctx.contentType("application/json").result(JSON.writeValueAsBytes(answer));
    }

    private static ObjectNode selected(ObjectNode row, String select) {
        if (select == null) {
            return row;
        }
        ObjectNode out = JSON.createObjectNode();
        for (String column : select.split(",")) {
            out.set(column.trim(), row.get(column.trim()));
        }
        return out;
    }

    private static Comparator<ObjectNode> comparator(String orderBy) {
        Comparator<ObjectNode> result = null;
        for (String term : orderBy.split(",")) {
            String[] words = term.trim().split("\\s+");
            String column = words[0];
            Comparator<ObjectNode> one = (a, b) -> StubODataFilter.compare(a.get(column), b.get(column), column);
            if (words.length > 1 && words[1].equalsIgnoreCase("desc")) {
                one = one.reversed();
            }
            result = result == null ? one : result.thenComparing(one);
        }
        return result;
    }
}
