package dev.p21bridge.p21client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.retry.BackoffRetry;
import dev.p21bridge.platform.retry.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Authorized JSON calls to P21: adds the bearer token and {@code Accept: application/json} (P21 answers XML
 * otherwise), renews the token and calls once more when P21 answers 401, and times every call as
 * {@code p21.call.latency{call=...}}. With {@link P21CallTimeouts} each call is bounded as a whole by a time-out that
 * follows P21's observed latency. Any answer but 2xx, and no answer at all, becomes a {@link P21CallException}.
 *
 * <p>Every call asks P21's {@link CircuitBreaker} first and tells it the outcome: what {@link P21ErrorPolicy} calls
 * transient (no answer, 5xx, 408, 429, session-pool faults) is a failure of P21; any other answer, a business refusal
 * or 4xx included, shows P21 is up. While the circuit is open a call fails at once, unsent
 * ({@link P21CallException#notCalled}), token renewal included.
 *
 * <p>The OkHttp client given must not retry on connection failures: a POST that reached P21 and lost its answer
 * must come back to the caller, who checks whether it was applied before sending it again. Reads are another matter:
 * a GET changes nothing, and a pooled connection that P21 (or a proxy) closed while idle fails the next request on
 * it with "unexpected end of stream". Unretried, such failures of idle connections opened the circuit, and every
 * probe after the open period took another idle, closed connection, so the circuit never closed again. GETs
 * therefore go through a client that retries on a fresh connection.
 */
public final class P21HttpClient {

    private static final MediaType JSON = MediaType.get("application/json");
    static final int READ_TRIES = 3;
    /** The pauses between two tries of a read: 20 ms doubling up to 100 ms, jittered. */
    /** The longest Retry-After a read waits out before its next try. */
    static final Duration READ_RETRY_AFTER_MAX = Duration.ofSeconds(2);
    private static final BackoffRetry READ_BACKOFF = new BackoffRetry(Duration.ofMillis(20), Duration.ofMillis(100));

    private final OkHttpClient http;
    private final OkHttpClient reads;
    private final P21TokenProvider tokens;
    private final P21ErrorPolicy policy;
    private final CircuitBreaker breaker;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final P21CallTimeouts timeouts;
    private final P21CallLimit limit;

    /** Calls bounded by the OkHttp client's own time-outs only. */
    public P21HttpClient(OkHttpClient http, P21TokenProvider tokens, P21ErrorPolicy policy, CircuitBreaker breaker,
                         MeterRegistry metrics, ObjectMapper json) {
        this(http, tokens, policy, breaker, metrics, json, null, null);
    }

    /**
     * Calls each bounded as a whole by {@code timeouts}, which learns from their latencies, and no more of them out at
     * once than {@code limit} allows; either null for no such bound.
     */
    public P21HttpClient(OkHttpClient http, P21TokenProvider tokens, P21ErrorPolicy policy, CircuitBreaker breaker,
                         MeterRegistry metrics, ObjectMapper json, P21CallTimeouts timeouts, P21CallLimit limit) {
        this.timeouts = timeouts;
        this.limit = limit;
        this.http = http;
        this.reads = http.newBuilder().retryOnConnectionFailure(true).build();
        this.tokens = tokens;
        this.policy = policy;
        this.breaker = breaker;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * A read, tried up to {@link #READ_TRIES} times on a transient failure (a GET changes nothing, so trying it again
     * is always safe): a look-up that fails would otherwise fail the whole order attempt (an order takes two or three
     * reads) or the whole poll of a table. A Retry-After of up to {@link #READ_RETRY_AFTER_MAX} is waited out here (a
     * throttled look-up would otherwise cost the whole try of an order); a longer one, and a call the open circuit
     * refused, are not retried here.
     */
    public JsonNode get(HttpUrl url, String call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return execute(reads, token -> authorized(url, token).get().build(), call);
            } catch (P21CallException e) {
                boolean again = attempt < READ_TRIES && e.wasSent()
                        && e.retryAfter().compareTo(READ_RETRY_AFTER_MAX) <= 0
                        && policy.classify(e) == P21ErrorPolicy.Verdict.TRANSIENT;
                if (!again) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.max(READ_BACKOFF.delay(attempt).toMillis(), e.retryAfter().toMillis()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public JsonNode post(HttpUrl url, Object body, String call) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the " + call + " request", e);
        }
        return execute(http, token -> authorized(url, token).post(RequestBody.create(bytes, JSON)).build(), call);
    }

    public ObjectMapper json() {
        return json;
    }

    private JsonNode execute(OkHttpClient client, Function<String, Request> request, String call) {
        CircuitBreaker.Permit permit = breaker.tryAcquire().orElseThrow(() -> P21CallException.notCalled(call));
        try {
            JsonNode answer = executeAuthorized(client, request, call);
            breaker.succeeded(permit);
            return answer;
        } catch (P21CallException e) {
            if (policy.classify(e) == P21ErrorPolicy.Verdict.TRANSIENT) {
                breaker.failed(permit);
            } else {
                breaker.succeeded(permit);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            breaker.abandoned(permit);
            throw e;
        }
    }

    private JsonNode executeAuthorized(OkHttpClient client, Function<String, Request> request, String call) {
        String token = tokens.token();
        P21Answer answer = send(client, request.apply(token), call);
        if (answer.status() == 401 && policy.classifyStatus(401) == P21ErrorPolicy.Verdict.RENEW_TOKEN) {
            tokens.invalidate(token);
            answer = send(client, request.apply(tokens.token()), call);
        }
        if (!answer.isSuccessful()) {
            throw answer.failure();
        }
        return answer.json();
    }

    private P21Answer send(OkHttpClient client, Request request, String call) {
        if (limit == null) {
            return sendNow(client, request, call);
        }
        P21CallLimit.Permit permit;
        try {
            permit = limit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw P21CallException.notCalled(call);
        }
        P21CallLimit.Signal signal = P21CallLimit.Signal.NEUTRAL;
        try {
            P21Answer answer = sendNow(client, request, call);
            signal = answer.status() >= 500 || answer.status() == 429 ? P21CallLimit.Signal.NEUTRAL
                    : P21CallLimit.Signal.ANSWERED;
            return answer;
        } catch (P21CallException e) {
            signal = e.getCause() instanceof InterruptedIOException ? P21CallLimit.Signal.OVERLOADED
                    : P21CallLimit.Signal.NEUTRAL;
            throw e;
        } finally {
            permit.release(signal);
        }
    }

    private P21Answer sendNow(OkHttpClient client, Request request, String call) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "error";
        Call http = client.newCall(request);
        Duration timeout = timeouts == null ? null : timeouts.timeoutOf(call);
        if (timeout != null) {
            http.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        long start = System.nanoTime();
        try (Response response = http.execute()) {
            P21Answer answer = P21Answer.read(response, json);
            outcome = Integer.toString(answer.status());
            if (timeouts != null) {
                timeouts.answered(call, Duration.ofNanos(System.nanoTime() - start));
            }
            return answer;
        } catch (IOException e) {
            // OkHttp's call and read time-outs both end as an InterruptedIOException
            if (timeouts != null && e instanceof InterruptedIOException) {
                timeouts.timedOut(call, timeout);
                outcome = "timeout";
            }
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
