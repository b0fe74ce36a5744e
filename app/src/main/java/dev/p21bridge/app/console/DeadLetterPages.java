package dev.p21bridge.app.console;

import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Header;

/**
 * The dead letters in the console, by the same rules as {@code ./bridge dlq}: browse a service's letters with the
 * CLI's filters, open one (headers, reason, decoded value), pick one or several and replay them after a confirmation
 * page. A letter is replayed once; replaying it again takes the explicit "again" box. Every list shows which letters
 * were replayed and when.
 * <pre>
 *   GET  /dead-letters?service=&amp;errorClass=&amp;since=&amp;key=&amp;show=waiting|replayed|all
 *   GET  /dead-letters/{service}/{partition}/{offset}
 *   POST /dead-letters/{service}/confirm   (ids)          the confirmation page
 *   POST /dead-letters/{service}/replay    (ids, again)   then back to the list, saying what happened
 * </pre>
 */
final class DeadLetterPages {

    private final DeadLetterStore store;
    private final ConsoleLogin login;
    private volatile SchemaRegistryClient registry;

    DeadLetterPages(DeadLetterStore store, ConsoleLogin login) {
        this.store = store;
        this.login = login;
    }

    /** Decode Avro values with this registry's schemas; without it they show as bytes. */
    void decodeWith(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    void install(JavalinConfig config) {
        config.routes.get("/dead-letters", this::list);
        config.routes.get("/dead-letters/{service}/{partition}/{offset}", this::letter);
        config.routes.post("/dead-letters/{service}/confirm", this::confirm);
        config.routes.post("/dead-letters/{service}/replay", this::replay);
    }

    private void list(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        String service = ctx.queryParam("service") == null ? "p21-sink" : ctx.queryParam("service");
        String show = ctx.queryParam("show") == null ? "waiting" : ctx.queryParam("show");
        Map<String, Object> params = new HashMap<>();
        params.put("services", Topics.SERVICES_WITH_DLQ);
        params.put("service", service);
        params.put("errorClass", value(ctx.queryParam("errorClass")));
        params.put("since", value(ctx.queryParam("since")));
        params.put("key", value(ctx.queryParam("key")));
        params.put("show", show);
        params.put("notice", notice(ctx));
        params.put("error", null);
        params.put("rows", List.of());
        try {
            checkService(service);
            if (!Set.of("waiting", "replayed", "all").contains(show)) {
                throw new IllegalArgumentException("show must be waiting, replayed or all");
            }
            DeadLetterFilter filter = AdminApi.filter(ctx.queryParam("errorClass"), ctx.queryParam("since"),
                    ctx.queryParam("key"));
            params.put("rows", rows(service, filter).stream()
                    .filter(row -> show.equals("all") || row.replayed() == show.equals("replayed")).toList());
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            params.put("error", e.getMessage());
        }
        ctx.html(ConsoleLogin.page(session, "Dead letters", "/dead-letters", "dead-letters.jte", params));
    }

    private void letter(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        String service = ctx.pathParam("service");
        checkService(service);
        String id = ctx.pathParam("partition") + ":" + ctx.pathParam("offset");
        Map<String, Instant> replays = store.replays();
        DeadLetterEntry entry = store.list(service, DeadLetterFilter.ALL).stream()
                .filter(e -> (e.partition() + ":" + e.offset()).equals(id)).findFirst().orElse(null);
        if (entry == null) {
            ctx.status(HttpStatus.NOT_FOUND).html(ConsoleLogin.page(session, "Dead letter not found", "/dead-letters",
                    "html-page.jte", Map.of("html", "<p class=error>No dead letter " + Html.escape(id) + " in "
                            + Html.escape(Topics.deadLetters(service).name()) + ".</p>")));
            return;
        }
        List<List<String>> headers = new ArrayList<>();
        for (Header header : entry.headers()) {
            headers.add(List.of(header.key(), header.value() == null ? "" : PersonalText.masked(
                    new String(header.value(), StandardCharsets.UTF_8))));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("row", DeadLetterRow.of(service, entry, replays.get(entry.replayId())));
        params.put("headers", headers);
        params.put("value", DeadLetterValue.of(entry.value(), registry));
        ctx.html(ConsoleLogin.page(session, "Dead letter " + service + " " + id, "/dead-letters", "dead-letter.jte",
                params));
    }

    private void confirm(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        String service = ctx.pathParam("service");
        checkService(service);
        Set<String> ids = Set.copyOf(ctx.formParams("id"));
        List<DeadLetterRow> chosen = rows(service, DeadLetterFilter.ALL).stream().filter(row -> ids.contains(row.id()))
                .toList();
        ctx.html(ConsoleLogin.page(session, "Replay " + chosen.size() + " dead letter(s) of " + service + "?",
                "/dead-letters", "dead-letters-confirm.jte", Map.of("service", service, "rows", chosen)));
    }

    private void replay(Context ctx) {
        if (login.require(ctx) == null) {
            return;
        }
        String service = ctx.pathParam("service");
        checkService(service);
        Set<String> ids = Set.copyOf(ctx.formParams("id"));
        boolean again = "true".equals(ctx.formParam("again"));
        Predicate<DeadLetterEntry> chosen = entry -> ids.contains(entry.partition() + ":" + entry.offset());
        DeadLetterStore.ReplayResult result = ids.isEmpty() ? new DeadLetterStore.ReplayResult(0, 0)
                : store.replay(service, chosen, again, false, done -> { });
        ctx.redirect("/dead-letters?service=" + service + "&show=all&replayed=" + result.replayed() + "&skipped="
                + result.skipped(), HttpStatus.SEE_OTHER);
    }

    private List<DeadLetterRow> rows(String service, DeadLetterFilter filter) {
        Map<String, Instant> replays = store.replays();
        return store.list(service, filter).stream()
                .map(entry -> DeadLetterRow.of(service, entry, replays.get(entry.replayId()))).toList();
    }

    private static String notice(Context ctx) {
        String replayed = ctx.queryParam("replayed");
        String skipped = ctx.queryParam("skipped");
        if (replayed == null || !replayed.matches("\\d+") || skipped == null || !skipped.matches("\\d+")) {
            return null;
        }
        return "Replayed " + replayed + ", skipped " + skipped + (skipped.equals("0") ? ""
                : " (replayed before: tick \"again\" on the confirmation to replay them once more)") + ".";
    }

    private static void checkService(String service) {
        if (!Topics.SERVICES_WITH_DLQ.contains(service)) {
            throw new IllegalArgumentException("unknown service '" + service + "'; one of " + Topics.SERVICES_WITH_DLQ);
        }
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
