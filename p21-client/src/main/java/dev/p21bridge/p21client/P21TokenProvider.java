package dev.p21bridge.p21client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token every P21 call carries, fetched with {@code POST /api/security/token/v2} and shared by all threads.
 * It is renewed before it expires (when less than 5 minutes or a tenth of its lifetime remain, whichever is
 * shorter) and when P21 refuses it ({@link #invalidate}). Only one fetch runs at a time; callers that need a token
 * meanwhile wait for that fetch rather than starting their own.
 */
public final class P21TokenProvider {

    private static final Logger log = LoggerFactory.getLogger(P21TokenProvider.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration RENEW_MARGIN = Duration.ofMinutes(5);
    private static final long DEFAULT_LIFETIME_SECONDS = 3_600;

    private record Token(String value, Instant renewAt) {
    }

    private final OkHttpClient http;
    private final HttpUrl tokenUrl;
    private final String username;
    private final String password;
    private final Clock clock;
    private final ObjectMapper json;
    private Token current;

    public P21TokenProvider(OkHttpClient http, HttpUrl baseUrl, String username, String password, Clock clock,
                            ObjectMapper json) {
        this.http = http;
        this.tokenUrl = baseUrl.newBuilder().addPathSegments("api/security/token/v2").build();
        this.username = username;
        this.password = password;
        this.clock = clock;
        this.json = json;
    }

    /** A token valid for a while yet; fetches one when there is none or the current one is due for renewal. */
    public synchronized String token() {
        if (current == null || !clock.instant().isBefore(current.renewAt())) {
            current = fetch();
        }
        return current.value();
    }

    /** P21 refused {@code stale}: the next {@link #token()} fetches a new one, unless another thread already did. */
    public synchronized void invalidate(String stale) {
        if (current != null && current.value().equals(stale)) {
            current = null;
        }
    }

    private Token fetch() {
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("username", username, "password", password));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the token request", e);
        }
        Request request = new Request.Builder().url(tokenUrl).header("Accept", "application/json")
                .post(RequestBody.create(body, JSON)).build();
        Instant askedAt = clock.instant();
        try (Response response = http.newCall(request).execute()) {
            P21Answer answer = P21Answer.read(response, json);
            if (!answer.isSuccessful()) {
                throw answer.failure();
            }
            JsonNode accessToken = answer.json().path("AccessToken");
            if (!accessToken.isTextual() || accessToken.asText().isBlank()) {
                throw new P21CallException(answer.status(), "token answer without AccessToken");
            }
            long lifetime = answer.json().path("ExpiresInSeconds").asLong(DEFAULT_LIFETIME_SECONDS);
            Duration life = Duration.ofSeconds(Math.max(lifetime, 1));
            Duration margin = life.dividedBy(10).compareTo(RENEW_MARGIN) < 0 ? life.dividedBy(10) : RENEW_MARGIN;
            log.info("obtained a P21 token for {} valid {}s", username, life.toSeconds());
            return new Token(accessToken.asText(), askedAt.plus(life).minus(margin));
        } catch (IOException e) {
            throw new P21CallException("token request failed: " + e, e);
        }
    }
}
