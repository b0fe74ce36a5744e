package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.kafka.EmbeddedKafkaBroker;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.testing.Await;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a storefront sees when Kafka goes away under a running ingress. The class owns its broker (rather than
 * sharing {@code KafkaBrokerExtension}'s) because it stops it halfway; the tests run in order around that stop.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIngressKafkaOutageIntegrationTest {

    private static final byte[] ORDER = "{\"id\":10452}".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "xcart-dev-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static EmbeddedKafkaBroker broker;
    private static WebhookIngress ingress;
    private static WebhookClient client;

    @BeforeAll
    static void startBrokerAndIngress() {
        broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start();
        ingress = new WebhookIngress(IngressConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", broker.bootstrapServers(),
                "BRIDGE_INGRESS_PORT", "0",
                "BRIDGE_XCART_WEBHOOK_SECRET", SECRET,
                "BRIDGE_CLARITY_WEBHOOK_SECRET", "clarity-dev-secret")))).start();
        client = new WebhookClient(ingress.port());
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void shouldAcceptWebhooksWhileKafkaIsUp() {
        HttpResponse<String> response = client.send(client.signed("xcart", ORDER, "evt-up", "order.created", SECRET));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void shouldAnswer503WithRetryAfterWithinTheAckTimeoutOnceKafkaIsDown() throws IOException {
        broker.close();
        long started = System.nanoTime();

        HttpResponse<String> response = client.send(client.signed("xcart", ORDER, "evt-down", "order.created",
                SECRET));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
        assertThat(took).isLessThan(Duration.ofMillis(6_500));
    }

    @Test
    @Order(3)
    void shouldReportNotReadyWhileKafkaIsUnreachable() throws Exception {
        Await.until("/health answering 503", Duration.ofSeconds(20), () -> client.get("/health").statusCode() == 503);
        HttpResponse<String> health = client.get("/health");

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(health.body()).get("checks").get("kafka").asText()).isEqualTo("DOWN");
    }
}
