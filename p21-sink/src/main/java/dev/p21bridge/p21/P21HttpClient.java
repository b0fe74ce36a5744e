package dev.p21bridge.p21;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Authorized JSON calls to P21: adds the bearer token and {@code Accept: application/json} (P21 answers XML
 * otherwise), renews the token and calls once more when P21 answers 401, and times every call as
 * {@code p21.call.latency{call=...}}. Any answer but 2xx, and no answer at all, becomes a {@link P21CallException}.
 *
 * <p>The OkHttp client given must not retry on connection failures: a POST that reached P21 and lost its answer
 * must come back to the caller, who checks whether it was applied before sending it again.
 */
public final class P21HttpClient {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final P21TokenProvider tokens;
    private final P21ErrorPolicy policy;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public P21HttpClient(OkHttpClient http, P21TokenProvider tokens, P21ErrorPolicy policy, MeterRegistry metrics,
                         ObjectMapper json) {
        this.http = http;
        this.tokens = tokens;
        this.policy = policy;
        this.metrics = metrics;
        this.json = json;
    }

    public JsonNode get(HttpUrl url, String call) {
        return execute(token -> authorized(url, token).get().build(), call);
    }

    public JsonNode post(HttpUrl url, Object body, String call) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the " + call + " request", e);
        }
        return execute(token -> authorized(url, token).post(RequestBody.create(bytes, JSON)).build(), call);
    }

    public ObjectMapper json() {
        return json;
    }

    private JsonNode execute(Function<String, Request> request, String call) {
        String token = tokens.token();
        P21Answer answer = send(request.apply(token), call);
        if (answer.status() == 401 && policy.classifyStatus(401) == P21ErrorPolicy.Verdict.RENEW_TOKEN) {
            tokens.invalidate(token);
            answer = send(request.apply(tokens.token()), call);
        }
        if (!answer.isSuccessful()) {
            throw answer.failure();
        }
        return answer.json();
    }

    private P21Answer send(Request request, String call) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "error";
        try (Response response = http.newCall(request).execute()) {
            P21Answer answer = P21Answer.read(response, json);
            outcome = Integer.toString(answer.status());
            return answer;
        } catch (IOException e) {
            throw new P21CallException(call + " failed: " + e, e);
        } finally {
            sample.stop(metrics.timer("p21.call.latency", "call", call, "status", outcome));
        }
    }

    private static Request.Builder authorized(HttpUrl url, String token) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }
}
