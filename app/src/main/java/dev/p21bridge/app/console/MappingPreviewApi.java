package dev.p21bridge.app.console;

import dev.p21bridge.app.MappingPreview;
import dev.p21bridge.transformer.mapping.MappingSet;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /api/mappings/preview?source=xcart&event=order.created} with a payload as the body: what the mapping
 * set in use makes of it ({@link MappingPreview.Result} as JSON), behind the admin token. A bad source, event or body
 * is a 400 naming it; a payload the set cannot map is a 200 with {@code valid: false} and the dead letter's reason.
 */
final class MappingPreviewApi {

    /** Larger than any storefront payload the ingress accepts (docs/limits.md). */
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private final Supplier<MappingSet> activeSet;
    private final MappingPreview preview;
    private final AdminApi admin;

    MappingPreviewApi(Supplier<MappingSet> activeSet, MappingPreview preview, AdminApi admin) {
        this.activeSet = activeSet;
        this.preview = preview;
        this.admin = admin;
    }

    void install(JavalinConfig config) {
        config.routes.before("/api/mappings/*", admin::authorize);
        config.routes.post("/api/mappings/preview", this::preview);
    }

    private void preview(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 || body.length > MAX_BODY) {
            ctx.status(400).json(Map.of("error", "the body must be the payload (JSON, up to " + MAX_BODY + " bytes)"));
            return;
        }
        String event = ctx.queryParam("event") == null ? "order.created" : ctx.queryParam("event");
        try {
            ctx.json(preview.preview(activeSet.get(), ctx.queryParam("source"), event, body));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
        }
    }
}
