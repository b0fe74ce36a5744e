package dev.p21bridge.ingress.availability;

import static dev.p21bridge.ingress.availability.Levels.level;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.config.Environment;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The route's answers over HTTP, on levels the test sets. */
class AvailabilityEndpointTest {

    private static final String TOKEN = "xcart-availability-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AvailabilityLevels levels = new AvailabilityLevels(100);
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private Javalin app;

    @BeforeEach
    void start() {
        AvailabilityConfig config = AvailabilityConfig.from(new Environment(Map.of(
                "BRIDGE_STORE_XCART_AVAILABILITY_TOKEN", TOKEN)));
        AvailabilityEndpoint endpoint = new AvailabilityEndpoint(config, levels, caughtUp::get,
                new SimpleMeterRegistry());
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            endpoint.install(cfg);
        }).start("127.0.0.1", 0);
        levels.apply("GSK-106", level("GSK-106", "12", 1_765_000_000_000L, "10", "9", "20", "30"));
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void shouldAnswerEachAskedSkuWithItsUnitsAndTimeAndListTheUnknownOnes() throws Exception {
        HttpResponse<String> answer = get("/stores/xcart/availability?sku=GSK-106&sku=NOPE&location=10&location=20",
                "Bearer " + TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("store").asText()).isEqualTo("xcart");
        JsonNode sku = body.path("skus").get(0);
        assertThat(sku.path("sku").asText()).isEqualTo("GSK-106");
        assertThat(sku.path("available").asLong()).isEqualTo(12);
        assertThat(sku.path("asOf").asText()).isEqualTo("2025-12-06T05:46:40Z");
        assertThat(sku.path("locations").toString())
                .isEqualTo("[{\"location\":\"10\",\"available\":9},{\"location\":\"20\",\"available\":12}]");
        assertThat(body.path("skus").size()).isEqualTo(1);
        assertThat(body.path("unknown").toString()).isEqualTo("[\"NOPE\"]");
    }

    @Test
    void shouldRefuseAMissingOrWrongTokenWith401AndAcceptAnyCaseOfTheScheme() throws Exception {
        HttpResponse<String> missing = get("/stores/xcart/availability?sku=GSK-106", null);
        HttpResponse<String> wrong = get("/stores/xcart/availability?sku=GSK-106", "Bearer " + TOKEN + "x");
        HttpResponse<String> otherScheme = get("/stores/xcart/availability?sku=GSK-106", "Basic " + TOKEN);

        for (HttpResponse<String> answer : new HttpResponse[] {missing, wrong, otherScheme}) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(answer.body()).doesNotContain(TOKEN).doesNotContain("12");
        }
        assertThat(get("/stores/xcart/availability?sku=GSK-106", "bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldSayHowToEnableAStoreWithoutATokenAndRefuseAnUnknownStore() throws Exception {
        HttpResponse<String> clarity = get("/stores/clarity/availability?sku=GSK-106", "Bearer " + TOKEN);
        assertThat(clarity.statusCode()).isEqualTo(404);
        assertThat(clarity.body()).contains("not enabled for store 'clarity'",
                "BRIDGE_STORE_CLARITY_AVAILABILITY_TOKEN");

        HttpResponse<String> unknown = get("/stores/nowhere/availability?sku=GSK-106", "Bearer " + TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no store named 'nowhere'");
    }

    @Test
    void shouldRefuseTooManySkusWith400NamingTheLimit() throws Exception {
        String skus = IntStream.rangeClosed(1, 101).mapToObj(i -> "sku=S" + i).collect(Collectors.joining("&"));

        HttpResponse<String> answer = get("/stores/xcart/availability?" + skus, "Bearer " + TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).contains("at most 100 per call");
    }

    @Test
    void shouldAnswer503WithRetryAfterUntilTheLevelsAreLoaded() throws Exception {
        caughtUp.set(false);

        HttpResponse<String> answer = get("/stores/xcart/availability?sku=GSK-106", "Bearer " + TOKEN);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(get("/health/availability", null).statusCode()).isEqualTo(503);
        assertThat(get("/stores/xcart/availability?sku=GSK-106", null).statusCode())
                .as("the token is checked before anything about the levels is told").isEqualTo(401);

        caughtUp.set(true);
        assertThat(get("/stores/xcart/availability?sku=GSK-106", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/health/availability", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
