package dev.p21bridge.ingress.p21;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads P21's OData tables for the poller. It holds its own bearer token ({@code POST /api/security/token/v2}),
 * fetched on first use, renewed before it expires (when less than 5 minutes or a tenth of its lifetime remain) and
 * again when P21 answers 401. Any other failure (no answer, timeout, non-2xx, a body that is not OData) is an
 * {@link IOException}; the reader never retries on its own, the poller tries again at its next interval.
 * Numbers are read as {@link java.math.BigDecimal} and written back unchanged, so no amount passes through a double.
 * Not thread-safe: the poller calls it from its one thread.
 */
public final class P21ChangeReader {

    /** The JSON mapping of P21 rows: exact decimals in, plain decimals out. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final Duration RENEW_MARGIN = Duration.ofMinutes(5);
    private static final long DEFAULT_LIFETIME_SECONDS = 3_600;

    private record Token(String value, Instant renewAt) {
    }

    private final HttpClient http;
    private final URI baseUrl;
    private final String username;
    private final String password;
    private final Duration timeout;
    private final Clock clock;
    private Token token;

    public P21ChangeReader(URI baseUrl, String username, String password, Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.username = username;
        this.password = password;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static P21ChangeReader of(P21PollerConfig config) {
        return new P21ChangeReader(config.baseUrl(), config.username(), config.password(), config.timeout(),
                Clock.systemUTC());
    }

    /** One page of changed rows, in the query's order. */
    public List<ObjectNode> changes(P21ChangeQuery query) throws IOException {
        return rows(query.table().tableName(), query.queryString());
    }

    /**
     * Every row of {@code table} matching {@code filter}, read page by page with {@code $top}/{@code $skip} until a
     * short page. For small, stable sets such as the detail rows of one pick ticket.
     *
     * @param select columns to answer, or null for all
     */
    public List<ObjectNode> all(String table, String filter, String orderBy, String select, int pageSize)
            throws IOException {
        List<ObjectNode> all = new ArrayList<>();
        for (int skip = 0; ; skip += pageSize) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("$filter", filter);
            if (select != null) {
                options.put("$select", select);
            }
            options.put("$orderby", orderBy);
            options.put("$top", Integer.toString(pageSize));
            options.put("$skip", Integer.toString(skip));
            List<ObjectNode> page = rows(table, P21ChangeQuery.encode(options));
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
        }
    }

    private List<ObjectNode> rows(String table, String queryString) throws IOException {
        URI uri = baseUrl.resolve("odataservice/odata/table/" + table + "?" + queryString);
        String bearer = token();
        HttpResponse<byte[]> response = send(get(uri, bearer));
        if (response.statusCode() == 401) {
            token = null;
            response = send(get(uri, token()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("OData " + table + " answered HTTP " + response.statusCode());
        }
        JsonNode value = parse(response.body(), "OData " + table).path("value");
        if (!value.isArray()) {
            throw new IOException("OData " + table + " answered without a \"value\" array");
        }
        List<ObjectNode> rows = new ArrayList<>(value.size());
        for (JsonNode row : value) {
            if (!row.isObject()) {
                throw new IOException("OData " + table + " answered a row that is not an object");
            }
            rows.add((ObjectNode) row);
        }
        return rows;
    }

    private String token() throws IOException {
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = fetchToken();
        }
        return token.value();
    }

    private Token fetchToken() throws IOException {
        ObjectNode credentials = JSON.createObjectNode().put("username", username).put("password", password);
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("api/security/token/v2")).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(credentials))).build();
        Instant askedAt = clock.instant();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() / 100 != 2) {
            // the body may echo the user name; the status says enough
            throw new IOException("P21 token request answered HTTP " + response.statusCode());
        }
        JsonNode body = parse(response.body(), "P21 token request");
        String accessToken = body.path("AccessToken").asText("");
        if (accessToken.isEmpty()) {
            throw new IOException("P21 token answer has no AccessToken");
        }
        long lifetime = body.path("ExpiresInSeconds").asLong(DEFAULT_LIFETIME_SECONDS);
        Duration margin = Duration.ofSeconds(lifetime).dividedBy(10);
        margin = margin.compareTo(RENEW_MARGIN) < 0 ? margin : RENEW_MARGIN;
        return new Token(accessToken, askedAt.plusSeconds(lifetime).minus(margin));
    }

    private HttpRequest get(URI uri, String bearer) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer).GET().build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling P21", e);
        }
    }

    private static JsonNode parse(byte[] body, String what) throws IOException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException(what + " answered a body that is not JSON", e);
        }
    }
}
