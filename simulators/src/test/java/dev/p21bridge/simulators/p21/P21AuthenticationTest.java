package dev.p21bridge.simulators.p21;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import dev.p21bridge.testing.Await;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class P21AuthenticationTest {

    private static P21Simulator p21;
    private static P21TestClient anonymous;

    @BeforeAll
    static void start() {
        p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start();
        anonymous = new P21TestClient(p21.url());
    }

    @AfterAll
    static void stop() {
        p21.close();
    }

    @Test
    void shouldIssueABearerTokenForUserAndPasswordOnV2() {
        Answer answer = anonymous.post("/api/security/token/v2",
                Map.of("username", "p21api", "password", "p21-dev-password"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("AccessToken").asText()).startsWith("eyJ");
        assertThat(answer.body().get("RefreshToken").asText()).isNotBlank();
        assertThat(answer.body().get("ExpiresInSeconds").asLong()).isEqualTo(86_400);
        assertThat(answer.body().get("TokenType").asText()).isEqualTo("Bearer");
    }

    @Test
    void shouldIssueATokenForAConsumerKeyClientSecret() {
        Answer answer = anonymous.post("/api/security/token/v2",
                Map.of("ClientSecret", "p21-dev-client-secret", "GrantType", "client_credentials"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(callRouter(answer.body().get("AccessToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void shouldIssueATokenOnV1FromUsernameAndPasswordHeaders() {
        Answer answer = anonymous.send(anonymous.request("/api/security/token").header("username", "p21api")
                .header("password", "p21-dev-password").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(callRouter(answer.body().get("AccessToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer401InvalidGrantForAWrongPassword() {
        Answer v2 = anonymous.post("/api/security/token/v2", Map.of("username", "p21api", "password", "nope"));
        Answer v1 = anonymous.send(anonymous.request("/api/security/token").header("username", "p21api")
                .header("password", "nope").POST(HttpRequest.BodyPublishers.noBody()));

        for (Answer answer : new Answer[] {v2, v1}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().get("error").asText()).isEqualTo("invalid_grant");
            assertThat(answer.body().get("error_description").asText())
                    .isEqualTo("The user name or password is incorrect.");
        }
    }

    @Test
    void shouldAnswer401ForAWrongClientSecret() {
        Answer answer = anonymous.post("/api/security/token/v2",
                Map.of("ClientSecret", "guess", "GrantType", "client_credentials"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void shouldRefuseEveryApiCallWithoutAKnownToken() {
        assertThat(anonymous.get("/api/ui/router/v1?urlType=external").status()).isEqualTo(401);
        assertThat(anonymous.get("/odataservice/odata/table/inv_mast").status()).isEqualTo(401);
        Answer transaction = anonymous.postRaw("/uiserver0/api/v2/transaction", "{}");
        assertThat(transaction.status()).isEqualTo(401);
        assertThat(transaction.body().get("Message").asText()).contains("Authorization has been denied");
        assertThat(callRouter("eyJmade.up.token").status()).isEqualTo(401);
    }

    @Test
    void shouldDiscoverTheUiServerUnderTheAddressTheClientUsed() {
        P21TestClient client = new P21TestClient(p21.url()).login();

        Answer answer = client.get("/api/ui/router/v1?urlType=external");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("Url").asText()).isEqualTo("http://localhost:" + p21.port() + "/uiserver0");
    }

    @Test
    void shouldRefuseATokenOnceItsLifetimeHasPassed() throws InterruptedException {
        P21SimulatorConfig shortLived = P21SimulatorConfig.defaults().withPort(0).withTokenLifetime(Duration.ofMillis(300));
        try (P21Simulator simulator = new P21Simulator(shortLived).start()) {
            P21TestClient client = new P21TestClient(simulator.url()).login();
            assertThat(client.get("/odataservice/odata/table/customer?$top=1").status()).isEqualTo(200);

            Await.until("the token refused once its lifetime passed", Duration.ofSeconds(10),
                    () -> client.get("/odataservice/odata/table/customer?$top=1").status() != 200);

            assertThat(client.get("/odataservice/odata/table/customer?$top=1").status()).isEqualTo(401);
        }
    }

    private Answer callRouter(String token) {
        return anonymous.send(anonymous.request("/api/ui/router/v1?urlType=external")
                .header("Authorization", "Bearer " + token).GET());
    }
}
