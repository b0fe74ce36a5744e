package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal JSON client for tests against a running simulator. */
public final class SimHttp {

    /** An answer: status and parsed JSON body (a missing node when the body is empty). */
    public record Answer(int status, JsonNode json) {
    }

    private final URI base;

    public SimHttp(URI base) {
        this.base = base;
    }

    /** {@code headers} are name/value pairs. */
    public Answer call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            // a client, and so a connection, per call: pooled connections were met closed by the simulator's server
            // ("header parser received no bytes"), once with a pool shared by all tests and once with one per
            // simulator; a test must not fail on a connection it did not choose
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? StorefrontJson.mapper().missingNode()
                    : StorefrontJson.mapper().readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String path, String... headers) {
        return call("GET", path, null, headers);
    }
}
