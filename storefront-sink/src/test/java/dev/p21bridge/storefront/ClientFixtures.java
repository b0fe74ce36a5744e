package dev.p21bridge.storefront;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.retry.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Clients wired as the service wires them, against the stub storefronts. */
public final class ClientFixtures {

    public static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    public static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5))
            .retryOnConnectionFailure(false).build();

    private ClientFixtures() {
    }

    static XCartClient xcart(StubXCart stub, MeterRegistry metrics, Clock clock) {
        return new XCartClient(new StorefrontHttp(HTTP, Storefront.XCART, "X-Auth-Token", StubXCart.TOKEN, metrics,
                JSON, clock, breaker("xcart", clock)), HttpUrl.get(stub.baseUrl()), clock);
    }

    static ClarityClient clarity(StubClarity stub, MeterRegistry metrics, Clock clock) {
        return new ClarityClient(new StorefrontHttp(HTTP, Storefront.CLARITY, "Authorization",
                "Bearer " + StubClarity.TOKEN, metrics, JSON, clock, breaker("clarity", clock)),
                HttpUrl.get(stub.baseUrl()));
    }

    /** A breaker that stays closed through any test of a client. */
    public static CircuitBreaker breaker(String target, Clock clock) {
        return new CircuitBreaker(target, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(1), clock);
    }
}
