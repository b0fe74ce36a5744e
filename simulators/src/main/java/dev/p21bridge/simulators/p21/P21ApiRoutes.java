package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The real-shaped P21 API: token endpoints, UI server discovery, the Transaction API and the OData data service,
 * answering in P21's own JSON shapes. Everything but the token endpoints needs a known, unexpired bearer token.
 */
final class P21ApiRoutes {

    static final String ERROR_TYPE = "P21.Common.Exceptions.Prophet21Exception";
    static final List<String> PROTECTED = List.of("/api/*", "/uiserver0/*", "/odataservice/*");

    private final P21TokenService tokens;
    private final P21TransactionService transactions;
    private final P21Store store;

    P21ApiRoutes(P21TokenService tokens, P21TransactionService transactions, P21Store store) {
        this.tokens = tokens;
        this.transactions = transactions;
        this.store = store;
    }

    void install(JavalinConfig cfg) {
        for (String pattern : PROTECTED) {
            cfg.routes.before(pattern, this::requireToken);
        }
        cfg.routes.post("/api/security/token/v2", this::tokenV2);
        cfg.routes.post("/api/security/token", ctx -> answerToken(ctx,
                tokens.issueForPassword(ctx.header("username"), ctx.header("password")), "invalid_grant"));
        cfg.routes.get("/api/ui/router/v1", ctx -> ctx.json(Map.of("Url", baseUrl(ctx) + "/uiserver0")));
        cfg.routes.post("/uiserver0/api/v2/transaction", this::transaction);
        cfg.routes.get("/odataservice/odata/table/{table}", this::odata);
        cfg.routes.exception(ODataException.class, (e, ctx) -> ctx.status(e.status()).json(
                Map.of("error", Map.of("code", Integer.toString(e.status()), "message", e.getMessage()))));
    }

    /** P21's error envelope for everything outside OData and the token endpoints. */
    static Map<String, Object> errorBody(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorMessage", message);
        body.put("ErrorType", ERROR_TYPE);
        return body;
    }

    private void requireToken(Context ctx) {
        if (ctx.path().startsWith("/api/security/token")) {
            return;
        }
        String authorization = ctx.header("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (!tokens.isValid(token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(401).json(Map.of("Message", "Authorization has been denied for this request."));
            ctx.skipRemainingHandlers();
        }
    }

    private void tokenV2(Context ctx) {
        JsonNode body;
        try {
            body = P21Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            ctx.status(400).json(oauthError("invalid_request", "The request body must be a JSON object."));
            return;
        }
        Optional<String> secret = field(body, "ClientSecret");
        if (secret.isPresent()) {
            String grant = field(body, "GrantType").orElse("");
            if (!grant.equalsIgnoreCase("client_credentials")) {
                ctx.status(400).json(oauthError("unsupported_grant_type", "GrantType must be client_credentials."));
                return;
            }
            answerToken(ctx, tokens.issueForClientSecret(secret.get()), "invalid_client");
            return;
        }
        answerToken(ctx, tokens.issueForPassword(field(body, "username").orElse(null),
                field(body, "password").orElse(null)), "invalid_grant");
    }

    private static void answerToken(Context ctx, Optional<P21TokenService.IssuedToken> issued, String failure) {
        if (issued.isEmpty()) {
            String description = failure.equals("invalid_client") ? "The client secret is invalid."
                    : "The user name or password is incorrect.";
            ctx.status(401).json(oauthError(failure, description));
            return;
        }
        P21TokenService.IssuedToken token = issued.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("AccessToken", token.accessToken());
        json.put("RefreshToken", token.refreshToken());
        json.put("ExpiresInSeconds", token.expiresInSeconds());
        json.put("TokenType", "Bearer");
        ctx.json(json);
    }

    private void transaction(Context ctx) {
        JsonNode body;
        try {
            body = P21Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            ctx.status(400).json(errorBody("The request is invalid: " + e.getOriginalMessage()));
            return;
        } catch (IOException e) {
            ctx.status(400).json(errorBody("The request body could not be read."));
            return;
        }
        try {
            ctx.json(transactions.run(body));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(errorBody(e.getMessage()));
        }
    }

    private void odata(Context ctx) {
        String name = ctx.pathParam("table");
        P21Tables.Table table = P21Tables.table(name)
                .orElseThrow(() -> new ODataException(404, "Resource not found: table/" + name));
        ODataQuery query = ODataQuery.parse(ctx.queryParamMap(), table.columns());
        Map<String, Set<String>> equalities = query.filter() == null ? Map.of() : query.filter().equalities();
        ODataQuery.Page page = query.apply(store.read(state -> table.read(state, equalities)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", baseUrl(ctx) + "/odataservice/odata/$metadata#" + name);
        if (page.count() != null) {
            json.put("@odata.count", page.count());
        }
        json.put("value", page.rows());
        ctx.json(json);
    }

    /** {@code scheme://host:port} as the client addressed this server, so discovered URLs work behind any name. */
    private static String baseUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    /** A JSON field by name, ignoring case as P21's model binding does; text only. */
    private static Optional<String> field(JsonNode body, String name) {
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (entry.getKey().equalsIgnoreCase(name) && entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                return Optional.of(entry.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> oauthError(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }
}
