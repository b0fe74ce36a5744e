package dev.p21bridge.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A hand-controlled registry speaking the few Confluent endpoints the serdes call, so wire-format tests pin schema
 * ids (42) without a broker. Every registration answers {@link #nextId}; schemas can be preloaded under any id.
 */
final class StubSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId;
    private volatile String forcedAnswer;
    private volatile int forcedStatus;

    StubSchemaRegistry(int nextId) throws IOException {
        this.nextId = new AtomicInteger(nextId);
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    void preload(int id, Schema schema) {
        schemasById.put(id, schema.toString());
    }

    /** Answers every following request with this status and Confluent error body. */
    void failWith(int status, int errorCode, String message) {
        forcedStatus = status;
        forcedAnswer = JSON.createObjectNode().put("error_code", errorCode).put("message", message).toString();
    }

    /** "METHOD /path" of every request received, in order. */
    List<String> requests() {
        return requests;
    }

    List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        requests.add(method + " " + path);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            authorizations.add(authorization);
        }
        if (forcedAnswer != null) {
            send(exchange, forcedStatus, forcedAnswer);
            return;
        }
        String[] parts = path.split("/");
        if (method.equals("GET") && path.startsWith("/schemas/ids/")) {
            String schema = schemasById.get(Integer.parseInt(parts[3]));
            if (schema == null) {
                send(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema " + parts[3] + " not found\"}");
            } else {
                send(exchange, 200, JSON.createObjectNode().put("schema", schema).toString());
            }
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String key = parts[2] + "|" + body.get("schema").asText();
        if (method.equals("POST") && path.endsWith("/versions")) {
            int id = idsBySubjectAndSchema.computeIfAbsent(key, k -> nextId.getAndIncrement());
            schemasById.putIfAbsent(id, body.get("schema").asText());
            send(exchange, 200, "{\"id\":" + id + "}");
        } else if (method.equals("POST") && idsBySubjectAndSchema.containsKey(key)) {
            send(exchange, 200, JSON.createObjectNode().put("subject", parts[2]).put("version", 1)
                    .put("id", idsBySubjectAndSchema.get(key)).put("schema", body.get("schema").asText()).toString());
        } else {
            send(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
