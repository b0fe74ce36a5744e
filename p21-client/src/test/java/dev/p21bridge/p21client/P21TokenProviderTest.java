package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One token record for every thread, renewed before it expires and when P21 refuses it. */
class P21TokenProviderTest {

    private final StubP21 p21 = new StubP21();
    private final OkHttpClient http = new OkHttpClient();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T12:00:00Z"));
    private P21TokenProvider tokens;

    @BeforeEach
    void newProvider() {
        tokens = provider(StubP21.PASSWORD);
    }

    @AfterEach
    void stopP21() {
        p21.close();
    }

    @Test
    void shouldFetchOneTokenForManyThreadsAskingAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> asks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asks.add(CompletableFuture.supplyAsync(tokens::token, threads));
            }
            for (CompletableFuture<String> ask : asks) {
                assertThat(ask.get(10, TimeUnit.SECONDS)).isEqualTo("tok-1");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(p21.tokensIssued()).isEqualTo(1);
    }

    @Test
    void shouldRenewTheTokenWhenLessThanATenthOfItsLifetimeRemains() {
        p21.tokenLifetimeSeconds(600);
        String first = tokens.token();

        clock.advance(Duration.ofSeconds(530));
        assertThat(tokens.token()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(11));
        assertThat(tokens.token()).isNotEqualTo(first);
        assertThat(p21.tokensIssued()).isEqualTo(2);
    }

    @Test
    void shouldRenewADayLongTokenFiveMinutesBeforeItExpires() {
        p21.tokenLifetimeSeconds(86_400);
        String first = tokens.token();

        clock.advance(Duration.ofHours(23).plusMinutes(54));
        assertThat(tokens.token()).isEqualTo(first);

        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.token()).isNotEqualTo(first);
    }

    @Test
    void shouldRenewTheTokenAndCallOnceMoreWhenP21AnswersUnauthorized() {
        P21ODataClient odata = new P21ODataClient(new P21HttpClient(http, tokens, new P21ErrorPolicy(),
                CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()), new SimpleMeterRegistry(),
                new ObjectMapper()), HttpUrl.get(p21.url()));
        odata.query("customer", "customer_id eq 1", "customer_id", null, 1);
        p21.revokeTokens();

        assertThat(odata.query("customer", "customer_id eq 1", "customer_id", null, 1)).isEmpty();
        assertThat(p21.tokensIssued()).isEqualTo(2);
    }

    @Test
    void shouldReportP21sOwnWordsWhenTheCredentialsAreWrong() {
        assertThatThrownBy(() -> provider("wrong").token())
                .isInstanceOfSatisfying(P21CallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.detail()).isEqualTo("The user name or password is incorrect.");
                });
    }

    private P21TokenProvider provider(String password) {
        return new P21TokenProvider(http, HttpUrl.get(p21.url()), StubP21.USERNAME, password, clock,
                new ObjectMapper());
    }
}
