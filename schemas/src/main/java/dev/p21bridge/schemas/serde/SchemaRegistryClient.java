package dev.p21bridge.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of any Confluent-compatible schema registry (Confluent, Apicurio ccompat, Karapace, Redpanda) that uses
 * only the standard endpoints.
 *
 * <p>Answers are cached both ways (schema to id per subject, id to schema) for the life of the client, so once a
 * schema is known a serializer or deserializer makes no HTTP call. Thread-safe.
 *
 * <p>The URL may be a comma-separated list, tried in order when one does not answer, and may carry
 * {@code user:password@} for HTTP basic authentication. Failures throw {@link SchemaRegistryException}.
 */
public final class SchemaRegistryClient {

    /** Content type of the Confluent REST API, version 1. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUrls;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** A client with a 10 s request timeout and credentials, if any, taken from the URL. */
    public SchemaRegistryClient(String urls) {
        this(urls, null, DEFAULT_TIMEOUT);
    }

    /**
     * @param urls     one or more base URLs, comma-separated
     * @param userInfo {@code user:password} for basic authentication; null to take it from the URL, if there
     * @param timeout  the limit for connecting and for each request
     */
    public SchemaRegistryClient(String urls, String userInfo, Duration timeout) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is missing");
        }
        List<URI> bases = new ArrayList<>();
        String credentials = userInfo;
        for (String url : urls.split(",")) {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                // the URL itself is not echoed: it may carry a password
                throw new IllegalArgumentException("schema registry URL must look like http://host:port");
            }
            if (credentials == null && uri.getRawUserInfo() != null) {
                credentials = decode(uri.getRawUserInfo());
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            bases.add(URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path));
        }
        this.baseUrls = List.copyOf(bases);
        this.authorization = Optional.ofNullable(credentials).map(c ->
                "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Registers {@code schema} under {@code subject} (or finds it there) and answers its global id.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#isIncompatible()} when the subject's
     *                                 compatibility level refuses it, 42201 when the registry cannot parse it
     */
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + pathSegment(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(answer, "id");
        remember(subject, schema, id);
        return id;
    }

    /** The id of {@code schema} when it is registered under {@code subject}; empty when it is not. */
    public Optional<Integer> lookup(String subject, Schema schema) {
        Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            JsonNode answer = send("POST", "/subjects/" + pathSegment(subject), schemaBody(schema));
            int id = requiredInt(answer, "id");
            remember(subject, schema, id);
            return Optional.of(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The schema with this global id.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#isNotFound()} (40403) when no schema has it
     */
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException(200, 50001, "schema registry answered schema id " + id + " without a schema");
        }
        try {
            Schema schema = new Schema.Parser().parse(text.asText());
            schemasById.putIfAbsent(id, schema);
            return schemasById.get(id);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(200, 42201, "schema id " + id + " is not a valid Avro schema: " + e.getMessage());
        }
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode send(String method, String path, String body) {
        IOException lastFailure = null;
        for (URI base : baseUrls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout)
                    .header("Accept", ACCEPT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            authorization.ifPresent(value -> request.header("Authorization", value));
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return answer(method, path, response);
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry: " + method + " " + path, e);
            }
        }
        throw new SchemaRegistryException("schema registry did not answer " + method + " " + path + " at "
                + baseUrls + ": " + lastFailure, lastFailure);
    }

    private static JsonNode answer(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            json = null;
        }
        if (status / 100 == 2 && json != null) {
            return json;
        }
        if (status / 100 == 2) {
            throw new SchemaRegistryException(status, 50001, "schema registry answered " + method + " " + path + " with a body that is not JSON");
        }
        int errorCode = json != null && json.path("error_code").isInt() ? json.get("error_code").asInt() : status;
        String message = json != null && json.path("message").isTextual() ? json.get("message").asText()
                : "HTTP " + status + " from " + method + " " + path;
        throw new SchemaRegistryException(status, errorCode, message);
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, 50001, "schema registry answer lacks an integer \"" + field + "\"");
        }
        return value.asInt();
    }

    private static String pathSegment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String rawUserInfo) {
        return URLDecoder.decode(rawUserInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SchemaRegistryClient" + baseUrls;
    }
}
