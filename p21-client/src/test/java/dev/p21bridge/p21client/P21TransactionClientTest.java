package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Transaction API behind P21's router: the UI server found once, P21's answers read as P21 means them. */
class P21TransactionClientTest {

    private static final TransactionSet SET = TransactionSet.newRecord("Order", List.of(
            TransactionSet.DataElement.form("TABPAGE_1.order", List.of(new TransactionSet.Edit("customer_id", "1")))));

    private final StubP21Tokens tokens = new StubP21Tokens("p21api", "secret", 3_600);
    private final AtomicInteger routerCalls = new AtomicInteger();
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final Javalin p21 = Javalin.create(cfg -> {
        cfg.startup.showJavalinBanner = false;
        cfg.routes.post("/api/security/token/v2", tokens::issue);
        cfg.routes.get("/api/ui/router/v1", ctx -> {
            if (tokens.authorized(ctx) && "external".equals(ctx.queryParam("urlType"))) {
                routerCalls.incrementAndGet();
                ctx.contentType("application/json").result("{\"Url\":\"http://127.0.0.1:" + ctx.port() + "/ui0\"}");
            }
        });
        cfg.routes.post("/ui0/api/v2/transaction", ctx -> {
            if (tokens.authorized(ctx)) {
                ctx.contentType("application/json").result(answer.get());
            }
        });
    }).start("127.0.0.1", 0);
    private final P21TransactionClient transactions = client();

    @AfterEach
    void stop() {
        p21.stop();
    }

    @Test
    void shouldAskTheRouterOnceAndSendEverySetToTheUiServerItNamed() {
        answer.set("""
                {"Messages": ["Transaction 1:: "], "Summary": {"Succeeded": 1, "Failed": 0, "Other": 0},
                 "Results": {"Transactions": [{"DataElements": [{"Name": "TABPAGE_1.order",
                   "Rows": [{"Edits": [{"Name": "order_no", "Value": "1001"}]}]}]}]}}""");

        TransactionResult first = transactions.submit(SET);
        TransactionResult second = transactions.submit(SET);

        assertThat(first.edit("TABPAGE_1.order", "order_no")).contains("1001");
        assertThat(second.passed()).isTrue();
        assertThat(routerCalls.get()).isEqualTo(1);
    }

    @Test
    void shouldFailTheCallWhenP21AnswersASessionPoolFaultWithStatus200() {
        answer.set("{\"error\": {\"message\": \"Object reference not set to an instance of an object.\"}}");

        assertThatThrownBy(() -> transactions.submit(SET)).isInstanceOfSatisfying(P21CallException.class, e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.detail()).isEqualTo("Object reference not set to an instance of an object.");
        });
    }

    private P21TransactionClient client() {
        OkHttpClient http = new OkHttpClient();
        ObjectMapper json = new ObjectMapper();
        HttpUrl base = HttpUrl.get("http://127.0.0.1:" + p21.port());
        P21HttpClient client = new P21HttpClient(http, new P21TokenProvider(http, base, "p21api", "secret",
                Clock.systemUTC(), json), new P21ErrorPolicy(),
                CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()), new SimpleMeterRegistry(), json);
        return new P21TransactionClient(client, base);
    }
}
