package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.storefront.StorefrontCallException.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * JSON calls to one storefront: adds its authentication header and {@code Accept: application/json}, and times
 * every call as {@code storefront.calls{storefront, kind, status}} ({@code status} is the HTTP code, or
 * {@code error} when no answer came). No answer at all becomes a {@link StorefrontCallException} with status 0;
 * any HTTP answer is handed back for the client to judge (a 404 on a SKU is not a failure).
 *
 * <p>Every call asks the storefront's {@link CircuitBreaker} first and reports to it: no answer, 5xx, 408 and 429
 * are failures of the storefront, any other answer shows it is up. While the circuit refuses, the call fails at
 * once, unsent ({@link StorefrontCallException#notCalled}).
 *
 * <p>The OkHttp client given must not retry on connection failures: every state-changing call is preceded by a read
 * of the current state, and a resend behind the caller's back would skip that read. Reads are sent through a copy
 * that does retry on a fresh connection: a GET changes nothing, and a pooled connection the storefront closed while
 * idle would otherwise fail it, count against the circuit, and fail every probe after the open period in turn.
 */
public final class StorefrontHttp {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final OkHttpClient reads;
    private final Storefront storefront;
    private final String authHeader;
    private final String authValue;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final CircuitBreaker breaker;

    public StorefrontHttp(OkHttpClient http, Storefront storefront, String authHeader, String authValue,
                          MeterRegistry metrics, ObjectMapper json, Clock clock, CircuitBreaker breaker) {
        this.http = http;
        this.reads = http.newBuilder().retryOnConnectionFailure(true).build();
        this.storefront = storefront;
        this.authHeader = authHeader;
        this.authValue = authValue;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.breaker = breaker;
    }

    public Storefront storefront() {
        return storefront;
    }

    public ObjectMapper json() {
        return json;
    }

    public StorefrontAnswer get(HttpUrl url, String kind) {
        return send(reads, request(url).get().build(), kind);
    }

    public StorefrontAnswer send(HttpUrl url, String method, Object body, String kind) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the " + kind + " request", e);
        }
        return send(http, request(url).method(method, RequestBody.create(bytes, JSON)).build(), kind);
    }

    private StorefrontAnswer send(OkHttpClient client, Request request, String kind) {
        CircuitBreaker.Permit permit = breaker.tryAcquire()
                .orElseThrow(() -> StorefrontCallException.notCalled(storefront, kind));
        try {
            StorefrontAnswer answer = call(client, request, kind);
            if (StorefrontErrorPolicy.isTargetFailure(answer.status())) {
                breaker.failed(permit);
            } else {
                breaker.succeeded(permit);
            }
            return answer;
        } catch (StorefrontCallException e) {
            breaker.failed(permit);
            throw e;
        } catch (RuntimeException | Error e) {
            breaker.abandoned(permit);
            throw e;
        }
    }

    private StorefrontAnswer call(OkHttpClient client, Request request, String kind) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "error";
        try (Response response = client.newCall(request).execute()) {
            StorefrontAnswer answer = StorefrontAnswer.read(response, json, clock.instant());
            outcome = Integer.toString(answer.status());
            return answer;
        } catch (IOException e) {
            Outcome sent = e instanceof ConnectException || e instanceof UnknownHostException
                    || e instanceof NoRouteToHostException ? Outcome.NOT_SENT : Outcome.UNKNOWN;
            throw new StorefrontCallException(storefront, kind + " call failed: " + e, e, sent);
        } finally {
            sample.stop(metrics.timer("storefront.calls", "storefront", storefront.id(), "kind", kind,
                    "status", outcome));
        }
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header(authHeader, authValue).header("Accept", "application/json");
    }
}
