package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.testing.Await;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.testing.RawTopicsProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The acknowledgement side of the endpoint, against a producer the test acknowledges (or not) by hand. */
class WebhookEndpointTest {

    private static final Duration ACK_TIMEOUT = Duration.ofMillis(500);
    private static final byte[] ORDER = "{\"id\":10452}".getBytes(StandardCharsets.UTF_8);

    private final MockProducer<String, byte[]> producer = RawTopicsProducer.create(false);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(800);

    private final ExecutorService replies = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = WebhookIngress.bodyTimers();
    private Javalin app;
    private WebhookClient client;

    @BeforeEach
    void startEndpoint() {
        IngressConfig config = IngressConfig.from(new Environment(Map.of(
                "BRIDGE_XCART_WEBHOOK_SECRET", "xs", "BRIDGE_CLARITY_WEBHOOK_SECRET", "cs",
                "BRIDGE_INGRESS_BODY_TIMEOUT", BODY_TIMEOUT.toMillis() + "ms")));
        RawEventWriter writer = new RawEventWriter(producer, ACK_TIMEOUT, Clock.systemUTC());
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            WebhookIngress.installWebhooks(cfg, config, writer, registry, replies, timer, Clock.systemUTC());
        }).start(0);
        client = new WebhookClient(app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
        replies.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void shouldAnswer202OnlyOnceKafkaAcknowledged() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                client.signed("xcart", ORDER, "evt-1", "order.created", "xs"));
        await(() -> producer.history().size() == 1);

        assertThat(answer).isNotDone();
        // the key stays the order id; the partition is the store's, the same for all of its records
        assertThat(producer.history().get(0).partition())
                .isEqualTo(StorePartition.of("xcart", RawTopicsProducer.PARTITIONS));
        producer.completeNext();

        HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"eventId\":\"evt-1\"", "\"topic\":\"raw.xcart\"", "\"partition\":",
                "\"offset\":");
        assertThat(registry.get("bridge.webhooks.accepted").tags("source", "xcart", "event", "order.created")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaDoesNotAcknowledgeInTime() {
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(client.signed("xcart", ORDER, "evt-2", "order.created", "xs"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).startsWith("{\"error\":");
        assertThat(took).isBetween(ACK_TIMEOUT.minusMillis(50), ACK_TIMEOUT.plusSeconds(3));
        assertThat(registry.get("bridge.webhooks.rejected").tags("source", "xcart", "reason", "kafka-unavailable")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldAnswer503WhenKafkaRefusesTheWrite() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                client.signed("clarity", ORDER, "evt-3", "order.created", "cs"));
        await(() -> producer.history().size() == 1);

        producer.errorNext(new NotEnoughReplicasException("not enough in-sync replicas"));

        HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void shouldNeverHandARejectedWebhookToTheProducer() {
        HttpResponse<String> response = client.send(client.signed("xcart", ORDER, "evt-4", "order.nope", "xs"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(producer.history()).isEmpty();
    }

    /**
     * A sender that trickles its body (one byte every 100 ms: never idle long enough for an idle timeout) held a
     * request thread and its buffer for as long as it liked. Past the body timeout the connection is closed.
     */
    @Test
    void shouldCloseTheConnectionOfASenderThatHasNotDeliveredItsBodyWithinTheBodyTimeout() throws Exception {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/xcart HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            String answer = null;
            while (answer == null && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
                try {
                    out.write('1');
                    out.flush();
                } catch (IOException closed) {
                    answer = "closed";
                    break;
                }
                try {
                    int first = socket.getInputStream().read();
                    answer = first < 0 ? "closed" : "answered " + (char) first;
                } catch (SocketTimeoutException stillOpen) {
                    // nothing yet: send the next byte
                } catch (IOException reset) {
                    answer = "closed";
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer).as("after %s", took).isNotNull();
            assertThat(took).isBetween(BODY_TIMEOUT.minusMillis(100), BODY_TIMEOUT.plusSeconds(3));
        }
        await(() -> registry.get("bridge.webhooks.rejected").tags("source", "xcart", "reason", "body-timeout")
                .counter().count() == 1.0);
        assertThat(producer.history()).isEmpty();
    }

    private static void await(BooleanSupplier condition) {
        Await.until("condition", Duration.ofSeconds(10), condition::getAsBoolean);
    }
}
