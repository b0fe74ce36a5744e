package dev.p21bridge.ingress.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A GET of a store's API answering JSON; any answer but 200 is an {@link IOException} naming the status only. */
final class StoreHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    StoreHttp(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /** {@code header} is one name/value pair, the store's credential: never logged. */
    JsonNode get(URI uri, String headerName, String headerValue) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header(headerName, headerValue).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri.getPath() + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** {@code pathAndQuery} below the base URL, which may have a path of its own. */
    static URI under(URI base, String pathAndQuery) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + pathAndQuery);
    }

    /** An ISO-8601 time with an offset, as both stores write them; an {@link IOException} names the field. */
    static Instant time(JsonNode order, String field) throws IOException {
        JsonNode value = order.path(field);
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException("an order of the list has no valid " + field + ": " + value);
        }
    }

    /** A time as a query parameter: ISO-8601 in UTC, {@code +} never needed, so nothing to escape but the colons. */
    static String query(Instant time) {
        return java.net.URLEncoder.encode(time.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] bytes(JsonNode order) throws IOException {
        return JSON.writeValueAsBytes(order);
    }
}
