package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class P21FaultTest {

    private static P21Simulator p21;
    private static P21TestClient client;

    @BeforeAll
    static void start() {
        p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start();
        client = new P21TestClient(p21.url()).login();
    }

    @AfterAll
    static void stop() {
        p21.close();
    }

    @BeforeEach
    void reset() {
        client.post("/sim/reset", Map.of());
    }

    @Test
    void shouldCommitTheOrderAndStillAnswer500UnderCommitThenFail() {
        assertThat(client.post("/sim/faults", Map.of("commitThenFailRate", 1.0)).status()).isEqualTo(200);

        Answer answer = client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body().get("ErrorType").asText()).isEqualTo("P21.Common.Exceptions.Prophet21Exception");
        assertThat(p21.orders()).hasSize(1);
        assertThat(client.get("/sim/orders?web_reference_no=xcart:10452").body()).hasSize(1);
    }

    @Test
    void shouldFailTheRealApiButNeverTheControlApi() {
        client.post("/sim/faults", Map.of("errorRate", 1.0, "statuses", List.of(503)));

        Answer odata = client.odata("inv_mast", "$top", "1");
        Answer token = client.post("/api/security/token/v2", Map.of("username", "p21api", "password", "p21-dev-password"));

        assertThat(odata.status()).isEqualTo(503);
        assertThat(odata.body().get("ErrorMessage").asText()).isEqualTo("Service unavailable");
        assertThat(token.status()).isEqualTo(503);
        assertThat(client.get("/sim/orders").status()).isEqualTo(200);
        assertThat(client.get("/sim/inventory/HX-4410").status()).isEqualTo(200);
        assertThat(client.post("/sim/shipments", Map.of("order_no", "nope")).status()).isEqualTo(404);
        assertThat(client.get("/sim/faults").status()).isEqualTo(200);
    }

    @Test
    void shouldClearFaultsOnReset() {
        client.post("/sim/faults", Map.of("errorRate", 1.0));

        client.post("/sim/reset", Map.of());

        assertThat(client.odata("inv_mast", "$top", "1").status()).isEqualTo(200);
    }
}
