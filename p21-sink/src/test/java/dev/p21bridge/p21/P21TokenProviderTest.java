package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class P21TokenProviderTest {

    private static StubP21 p21;
    private final OkHttpClient http = new OkHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private P21TokenProvider tokens;

    @BeforeAll
    static void startP21() {
        p21 = new StubP21();
    }

    @AfterAll
    static void stopP21() {
        p21.close();
    }

    @BeforeEach
    void newProvider() {
        p21.tokensIssued.set(0);
        p21.tokenLifetimeSeconds = 86_400;
        tokens = provider("secret");
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
        assertThat(p21.tokensIssued.get()).isEqualTo(1);
    }

    @Test
    void shouldRenewTheTokenWhenLessThanATenthOfItsLifetimeRemains() {
        p21.tokenLifetimeSeconds = 600;
        String first = tokens.token();

        clock.advance(Duration.ofSeconds(530));
        assertThat(tokens.token()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(11));
        assertThat(tokens.token()).isNotEqualTo(first);
        assertThat(p21.tokensIssued.get()).isEqualTo(2);
    }

    @Test
    void shouldRenewADayLongTokenFiveMinutesBeforeItExpires() {
        String first = tokens.token();

        clock.advance(Duration.ofHours(23).plusMinutes(54));
        assertThat(tokens.token()).isEqualTo(first);

        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.token()).isNotEqualTo(first);
    }

    @Test
    void shouldRenewTheTokenAndCallOnceMoreWhenP21AnswersUnauthorized() {
        P21ODataClient odata = new P21ODataClient(new P21HttpClient(http, tokens, new P21ErrorPolicy(),
                new SimpleMeterRegistry(), new ObjectMapper()), HttpUrl.get(p21.baseUrl()));
        odata.findOrderNoByWebReference("xcart:1");
        p21.revokeTokens();

        assertThat(odata.findOrderNoByWebReference("xcart:1")).isEmpty();
        assertThat(p21.tokensIssued.get()).isEqualTo(2);
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
        return new P21TokenProvider(http, HttpUrl.get(p21.baseUrl()), "p21api", password, clock, new ObjectMapper());
    }
}
