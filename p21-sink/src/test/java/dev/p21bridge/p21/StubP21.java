package dev.p21bridge.p21;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21TokenProvider;
import dev.p21bridge.p21client.StubP21Tokens;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prophet 21 stand-in for the sink's tests, speaking the documented shapes: V2 tokens, the UI-server router,
 * the Transaction API (services Order and Customer) and OData reads of {@code customer} and {@code oe_hdr}. It keeps
 * what is created, refuses items whose id starts with {@code UNKNOWN}, and can be told to fail in P21's ways.
 */
final class StubP21 implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EQ = Pattern.compile("(\\w+) eq '((?:[^']|'')*)'");

    private volatile Javalin app;
    private final int port;
    final StubP21Faults faults = new StubP21Faults();
    private final Map<String, Map<String, String>> ordersByNo = new ConcurrentHashMap<>();
    /** {@code oe_line} rows by "order_no/line_no", so the sink can compare an update with the order it created. */
    private final Map<String, Map<String, String>> orderLines = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> customersById = new ConcurrentHashMap<>();
    private final StubP21Tokens tokens = new StubP21Tokens("p21api", "secret", 86_400);
    private final Set<String> commitThenFail = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> creating = new ConcurrentHashMap<>();
    /** What happened to each order key, in order: a failing count is explained key by key. */
    private final Map<String, List<String>> journal = new ConcurrentHashMap<>();
    private final AtomicInteger orderNumbers = new AtomicInteger(1_000_000);
    private final AtomicInteger customerNumbers = new AtomicInteger(100_000);
    final AtomicInteger orderTransactions = new AtomicInteger();
    /** The edits of every Customer transaction received, in order (creates and updates). */
    final List<Map<String, String>> customerTransactions = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger failNextTransactionsWith500 = new AtomicInteger();
    final AtomicBoolean sameKeyCreatedConcurrently = new AtomicBoolean();
    volatile long transactionLatencyMs;
    final AtomicInteger odataCalls = new AtomicInteger();
    /** Pages of the whole customer table read, counted in {@link #odataCalls} too. */
    final AtomicInteger customerScans = new AtomicInteger();
    volatile long odataLatencyMs;
    /** More equalities joined by or than this are refused, as P21 refuses a "Query is too complex". */
    volatile int maxOrTerms = Integer.MAX_VALUE;
    volatile String lastFilter;

    StubP21() {
        app = newApp();
        app.start("127.0.0.1", 0);
        port = app.port();
    }

    /** P21 stops answering: connections are refused until {@link #comeBack()}; what it stored is kept. */
    synchronized void goDown() {
        app.stop();
    }

    /** P21 answers again, on the same port. */
    synchronized void comeBack() {
        app = newApp();
        app.start("127.0.0.1", port);
    }

    private Javalin newApp() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/api/security/token/v2", tokens::issue);
            cfg.routes.get("/api/ui/router/v1", ctx -> {
                if (tokens.authorized(ctx)) {
                    answer(ctx, 200, Map.of("Url", "http://localhost:" + port() + "/uiserver0"));
                }
            });
            cfg.routes.post("/uiserver0/api/v2/transaction", this::transaction);
            cfg.routes.get("/odataservice/odata/table/{table}", this::odata);
        });
    }

    int port() {
        return port;
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + port());
    }

    /** A P21 client of this stub with the sink's default policy and circuit, for tests that call it directly. */
    P21HttpClient client() {
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        ObjectMapper json = new ObjectMapper();
        okhttp3.HttpUrl base = okhttp3.HttpUrl.get(baseUrl());
        return new P21HttpClient(http, new P21TokenProvider(http, base, "p21api", "secret", java.time.Clock.systemUTC(),
                json), new P21ErrorPolicy(), dev.p21bridge.platform.retry.CircuitBreaker.of("p21",
                dev.p21bridge.platform.retry.RetryConfig.defaults(), java.time.Clock.systemUTC()),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), json);
    }

    /** Every order created, by order number; each a map of the header edits plus {@code order_no} and {@code lines}. */
    Map<String, Map<String, String>> orders() {
        return Map.copyOf(ordersByNo);
    }

    List<Map<String, String>> ordersWithReference(String webReference) {
        return ordersByNo.values().stream().filter(o -> webReference.equals(o.get("web_reference_no"))).toList();
    }

    /** The calls for {@code webReference} and what each did, oldest first. */
    List<String> journal(String webReference) {
        return List.copyOf(journal.getOrDefault(webReference, List.of()));
    }

    private void note(String webReference, String event) {
        journal.computeIfAbsent(webReference, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(System.currentTimeMillis() % 100_000 + " " + event);
    }

    /** A customer P21 already has, as a P21 user entered it (financial columns included); answers its id. */
    String seedCustomer(Map<String, String> columns) {
        String id = Integer.toString(customerNumbers.incrementAndGet());
        Map<String, String> row = new java.util.LinkedHashMap<>(columns);
        row.put("customer_id", id);
        customersById.put(id, row);
        return id;
    }

    Map<String, Map<String, String>> customers() {
        return Map.copyOf(customersById);
    }

    /** The first create of {@code webReference} commits and then answers 500, as P21 under a fault may. */
    void commitThenFailOnce(String webReference) {
        commitThenFail.add(webReference);
    }

    /** Every token issued so far is refused from now on, as after an expiry or a P21 restart. */
    void revokeTokens() {
        tokens.revoke();
    }

    private void odata(Context ctx) throws InterruptedException {
        if (!tokens.authorized(ctx)) {
            return;
        }
        // reads fail as writes do, except that a read commits nothing
        StubP21Faults.Fault drawn = faults.next();
        StubP21Faults.Fault fault = switch (drawn) {
            case COMMIT_THEN_500 -> StubP21Faults.Fault.SESSION_POOL_500;
            case SLOW_AFTER_COMMIT -> StubP21Faults.Fault.SLOW_WITHOUT_COMMIT;
            default -> drawn;
        };
        if (answeredWithFault(ctx, fault)) {
            return;
        }
        // read the request's filter once: lastFilter is shared by all request threads (a re-read of the field once
        // answered one look-up with another's filter, and the sink confirmed an order with the wrong order number)
        String filter = ctx.queryParam("$filter");
        lastFilter = filter;
        if (answeredCustomerScan(ctx, filter)) {
            return;
        }
        // one column, one or more values: "c eq 'a'" or "c eq 'a' or c eq 'b'" (the sink's batched order look-ups)
        Matcher eq = EQ.matcher(filter == null ? "" : filter);
        String column = null;
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        int at = 0;
        while (eq.find(at) && eq.start() == at && (column == null || column.equals(eq.group(1)))) {
            column = eq.group(1);
            values.add(eq.group(2).replace("''", "'"));
            at = eq.end();
            if (filter.startsWith(" or ", at)) {
                at += 4;
            } else {
                break;
            }
        }
        if (column == null || at != filter.length()) {
            answer(ctx, 400, Map.of("error", Map.of("code", "400", "message", "Invalid filter expression")));
            return;
        }
        odataCalls.incrementAndGet();
        if (odataLatencyMs > 0) {
            Thread.sleep(odataLatencyMs);
        }
        if (values.size() > maxOrTerms) {
            answer(ctx, 400, Map.of("error", Map.of("code", "400", "message", "Query is too complex")));
            return;
        }
        Map<String, Map<String, String>> table = switch (ctx.pathParam("table")) {
            case "customer" -> customersById;
            case "oe_hdr" -> ordersByNo;
            case "oe_line" -> orderLines;
            default -> null;
        };
        if (table == null) {
            answer(ctx, 404, Map.of("error", Map.of("message", "Resource not found: table/" + ctx.pathParam("table"))));
            return;
        }
        String matched = column;
        List<Map<String, String>> rows = table.values().stream()
                .filter(row -> values.stream().anyMatch(value -> value.equalsIgnoreCase(String.valueOf(row.get(matched)))))
                .toList();
        if ("web_reference_no".equals(column)) {
            for (String value : values) {
                note(value, "look-up found " + rows.stream()
                        .filter(r -> value.equalsIgnoreCase(String.valueOf(r.get(matched))))
                        .map(r -> r.get("order_no")).toList());
            }
        }
        answer(ctx, 200, Map.of("@odata.context", "$metadata#" + ctx.pathParam("table"), "@odata.count", rows.size(),
                "value", rows));
    }

    /**
     * The p21-sink's read of the whole customer table: no filter or {@code customer_id lt N}, by {@code customer_id}
     * descending, {@code $top} at a time, as P21's OData answers it.
     */
    private boolean answeredCustomerScan(Context ctx, String filter) {
        if (!"customer".equals(ctx.pathParam("table")) || !"customer_id desc".equals(ctx.queryParam("$orderby"))) {
            return false;
        }
        Matcher below = Pattern.compile("customer_id lt (\\d+)").matcher(filter == null ? "" : filter);
        if (filter != null && !below.matches()) {
            return false;
        }
        odataCalls.incrementAndGet();
        customerScans.incrementAndGet();
        long bound = filter == null ? Long.MAX_VALUE : Long.parseLong(below.group(1));
        int top = Integer.parseInt(java.util.Objects.requireNonNullElse(ctx.queryParam("$top"), "1000"));
        List<Map<String, String>> rows = customersById.values().stream()
                .filter(row -> Long.parseLong(row.get("customer_id")) < bound)
                .sorted(java.util.Comparator.comparingLong((Map<String, String> row) ->
                        Long.parseLong(row.get("customer_id"))).reversed())
                .limit(top).toList();
        answer(ctx, 200, Map.of("@odata.context", "$metadata#customer", "value", rows));
        return true;
    }

    private void transaction(Context ctx) throws Exception {
        if (!tokens.authorized(ctx)) {
            return;
        }
        JsonNode set = JSON.readTree(ctx.body());
        List<JsonNode> elements = new ArrayList<>();
        set.path("Transactions").path(0).path("DataElements").forEach(elements::add);
        StubP21Faults.Fault fault = faults.next();
        if (answeredWithFault(ctx, fault)) {
            if ("Order".equals(set.path("Name").asText())) {
                note(edits(elements.get(0).path("Rows").path(0)).getOrDefault("web_reference_no", ""),
                        "refused with " + fault);
            }
            return;
        }
        if ("Customer".equals(set.path("Name").asText())) {
            Map<String, String> edits = edits(elements.get(0).path("Rows").path(0));
            customerTransactions.add(Map.copyOf(edits));
            if (edits.containsKey("customer_id")) {
                Map<String, String> existing = customersById.get(edits.get("customer_id"));
                if (existing == null) {
                    answer(ctx, 200, failed("Customer ID " + edits.get("customer_id") + " not found"));
                    return;
                }
                Map<String, String> updated = new java.util.LinkedHashMap<>(existing);
                updated.putAll(edits);
                customersById.put(edits.get("customer_id"), updated);
                answer(ctx, 200, passed("Customer", "TABPAGE_1.customer", Map.of("customer_id", edits.get("customer_id"))));
                return;
            }
            String id = Integer.toString(customerNumbers.incrementAndGet());
            edits.put("customer_id", id);
            customersById.put(id, edits);
            answer(ctx, 200, passed("Customer", "TABPAGE_1.customer", Map.of("customer_id", id)));
            return;
        }
        orderTransactions.incrementAndGet();
        if (failNextTransactionsWith500.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
            answer(ctx, 500, Map.of("error", Map.of("message", "Unexpected response window encountered")));
            return;
        }
        Map<String, String> header = edits(elements.get(0).path("Rows").path(0));
        String reference = header.getOrDefault("web_reference_no", "");
        note(reference, "create, fault " + fault);
        long throttle = faults.throttle(reference);
        if (throttle >= 0) {
            ctx.header("Retry-After", Long.toString(throttle));
            answer(ctx, 429, Map.of("Message", "Too many requests"));
            return;
        }
        if (faults.failsOrder(reference)) {
            answer(ctx, 503, Map.of("Message", "The service is unavailable."));
            return;
        }
        if (fault == StubP21Faults.Fault.COMMIT_THEN_500) {
            commitThenFail.add(reference);
        }
        AtomicInteger running = creating.computeIfAbsent(reference, k -> new AtomicInteger());
        if (running.incrementAndGet() > 1) {
            sameKeyCreatedConcurrently.set(true);
        }
        try {
            if (transactionLatencyMs > 0) {
                Thread.sleep(transactionLatencyMs);
            }
            if (header.containsKey("order_no") && ordersByNo.containsKey(header.get("order_no"))) {
                // a change or cancellation of an order made before: taken as P21 takes it, nothing recorded but a note
                ordersByNo.get(header.get("order_no")).put("changed", "true");
                answer(ctx, 200, passed("Order", "TABPAGE_1.order", Map.of("order_no", header.get("order_no"))));
                return;
            }
            createOrder(ctx, header, elements.get(1), reference);
            if (fault == StubP21Faults.Fault.SLOW_AFTER_COMMIT) {
                Thread.sleep(faults.slowMs);
            }
        } finally {
            running.decrementAndGet();
        }
    }

    private void createOrder(Context ctx, Map<String, String> header, JsonNode items, String reference) {
        if (!customersById.containsKey(header.getOrDefault("customer_id", ""))) {
            answer(ctx, 200, failed("Customer ID is required"));
            return;
        }
        List<String> lines = new ArrayList<>();
        List<Map<String, String>> lineRows = new ArrayList<>();
        for (JsonNode row : items.path("Rows")) {
            Map<String, String> line = edits(row);
            Map<String, String> lineRow = new LinkedHashMap<>();
            lineRow.put("line_no", line.getOrDefault("line_no", Integer.toString(lineRows.size() + 1)));
            lineRow.put("item_id", line.get("oe_order_item_id"));
            lineRow.put("qty_ordered", line.get("unit_quantity"));
            lineRow.put("qty_invoiced", "0");
            lineRow.put("unit_price", line.get("unit_price"));
            lineRows.add(lineRow);
            String item = line.getOrDefault("oe_order_item_id", "");
            if (item.startsWith("UNKNOWN")) {
                answer(ctx, 200, failed("Item ID " + item + " does not exist in item master."));
                return;
            }
            lines.add(item + " x " + line.get("unit_quantity") + " @ " + line.get("unit_price"));
        }
        String orderNo = Integer.toString(orderNumbers.incrementAndGet());
        Map<String, String> order = new LinkedHashMap<>(header);
        order.put("order_no", orderNo);
        order.put("date_created", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        order.put("lines", String.join("; ", lines));
        for (Map<String, String> lineRow : lineRows) {
            lineRow.put("order_no", orderNo);
            orderLines.put(orderNo + "/" + lineRow.get("line_no"), lineRow);
        }
        ordersByNo.put(orderNo, order);
        note(reference, "committed " + orderNo);
        if (commitThenFail.remove(reference)) {
            answer(ctx, 500, Map.of("Message", "An error has occurred."));
            return;
        }
        answer(ctx, 200, passed("Order", "TABPAGE_1.order", Map.of("order_no", orderNo)));
    }

    /**
     * Answers the faults that write nothing; a slow answer without a commit sleeps past the client's timeout first.
     * Commit-then-fail and slow-after-commit are applied around the create itself.
     */
    private boolean answeredWithFault(Context ctx, StubP21Faults.Fault fault) throws InterruptedException {
        switch (fault) {
            case SESSION_POOL_500 -> answer(ctx, 500, Map.of("error", Map.of("message",
                    "Unexpected response window encountered")));
            case UNAVAILABLE_503 -> answer(ctx, 503, Map.of("Message", "The service is unavailable."));
            case THROTTLED_429 -> {
                ctx.header("Retry-After", Long.toString(faults.retryAfterSeconds));
                answer(ctx, 429, Map.of("Message", "Too many requests"));
            }
            case SLOW_WITHOUT_COMMIT -> {
                Thread.sleep(faults.slowMs);
                answer(ctx, 503, Map.of("Message", "The service is unavailable."));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> edits(JsonNode row) {
        Map<String, String> edits = new LinkedHashMap<>();
        row.path("Edits").forEach(e -> edits.put(e.path("Name").asText(), e.path("Value").asText()));
        return edits;
    }

    private static Map<String, Object> passed(String service, String element, Map<String, String> keys) {
        List<Map<String, String>> edits = keys.entrySet().stream()
                .map(e -> Map.of("Name", e.getKey(), "Value", e.getValue())).toList();
        return Map.of("Messages", List.of("Transaction 1:: "),
                "Results", Map.of("Name", service, "Transactions", List.of(Map.of("Status", "Passed",
                        "DataElements", List.of(Map.of("Name", element, "Rows", List.of(Map.of("Edits", edits))))))),
                "Summary", Map.of("Succeeded", 1, "Failed", 0, "Other", 0));
    }

    private static Map<String, Object> failed(String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Messages", List.of("Transaction 1:: " + message));
        answer.put("Results", null);
        answer.put("Summary", Map.of("Succeeded", 0, "Failed", 1, "Other", 0));
        return answer;
    }

    private static void answer(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
