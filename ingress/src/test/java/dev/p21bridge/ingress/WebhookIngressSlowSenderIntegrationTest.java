package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The done-when line: 200 slow senders holding connections open for 20 s leave a normal webhook answered 202
 * within 5 s, and the process within its usual heap. Each slow sender declares a 1 MiB body, sends a byte of it and
 * then one byte a second: never idle long enough for an idle timeout, far too slow for the body timeout. Before the
 * fix each one held a 1 MiB buffer from its first byte (200 MiB in all) for as long as it kept trickling.
 *
 * <p>The ingress runs in this JVM, so the heap measured is the one it uses. Loopback only, bounded in count (200
 * sockets) and time (20 s of trickling at most).
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class WebhookIngressSlowSenderIntegrationTest {

    private static final int SLOW_SENDERS = 200;
    private static final long DECLARED = WebhookIngress.MAX_BODY_BYTES;
    private static final Duration HOLD = Duration.ofSeconds(20);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);
    private static final String SECRET = "xcart-dev-secret";
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final Pattern READING = Pattern.compile(
            "bridge_webhook_bodies_reading\\{[^}]*source=\"xcart\"[^}]*} ([0-9.]+)");

    private static WebhookIngress ingress;
    private static WebhookClient client;

    @BeforeAll
    static void setUp(TestKafka kafka) {
        ingress = new WebhookIngress(IngressConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "BRIDGE_INGRESS_PORT", "0",
                "BRIDGE_INGRESS_BODY_TIMEOUT", BODY_TIMEOUT.toSeconds() + "s",
                "BRIDGE_XCART_WEBHOOK_SECRET", SECRET,
                "BRIDGE_CLARITY_WEBHOOK_SECRET", "clarity-dev-secret")))).start();
        client = new WebhookClient(ingress.port());
    }

    @AfterAll
    static void tearDown() {
        if (ingress != null) {
            ingress.close();
        }
    }

    @Test
    void shouldAnswerANormalWebhookWithin5sAndKeepTheHeapBoundedWhile200SlowSendersTrickle() throws Exception {
        byte[] order = sample("samples/xcart/order.created.json");
        assertThat(client.send(client.signed("xcart", order, "evt-warm-up", "order.created", SECRET)).statusCode())
                .as("warm-up").isEqualTo(202);
        long heapBefore = settledHeapUsed();

        List<Socket> senders = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < SLOW_SENDERS; i++) {
                senders.add(slowSender());
            }
            Await.until("all " + SLOW_SENDERS + " slow senders reading", Duration.ofSeconds(10),
                    () -> bodiesReading() >= SLOW_SENDERS, () -> "reading=" + bodiesReading());
            long heapWhileReading = settledHeapUsed();

            long sent = System.nanoTime();
            HttpResponse<String> normal = client.send(client.signed("xcart", order, "evt-among-slow-senders",
                    "order.created", SECRET));
            Duration answeredIn = Duration.ofNanos(System.nanoTime() - sent);

            int closed = trickleUntilClosed(senders, started);
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - started);

            long growth = heapWhileReading - heapBefore;
            System.out.printf("slow senders: %d x declared %d KiB; heap used before %d MiB, while all read %d MiB "
                            + "(growth %d KiB, %d B per sender); normal webhook %d in %d ms; %d of %d closed by the "
                            + "ingress after %d ms (body timeout %s)%n",
                    SLOW_SENDERS, DECLARED / 1024, heapBefore >> 20, heapWhileReading >> 20, growth >> 10,
                    growth / SLOW_SENDERS, normal.statusCode(), answeredIn.toMillis(), closed, SLOW_SENDERS,
                    closedAfter.toMillis(), BODY_TIMEOUT);

            assertThat(normal.statusCode()).isEqualTo(202);
            assertThat(answeredIn).isLessThan(Duration.ofSeconds(5));
            assertThat(growth).as("heap growth with %d senders mid-body", SLOW_SENDERS)
                    .isLessThan(SLOW_SENDERS * DECLARED / 8);
            assertThat(closed).as("slow senders cut off by the body timeout").isEqualTo(SLOW_SENDERS);
            assertThat(closedAfter).isLessThan(HOLD);
        } finally {
            for (Socket sender : senders) {
                sender.close();
            }
        }
        Await.until("no body left reading", Duration.ofSeconds(10), () -> bodiesReading() == 0);
    }

    /** Headers declaring a 1 MiB body, then its first byte. */
    private static Socket slowSender() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.port());
        socket.setSoTimeout(1);
        socket.getOutputStream().write(("POST /webhooks/xcart HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nX-Webhook-Id: evt-slow\r\nX-Webhook-Event: order.created\r\n"
                + "Content-Length: " + DECLARED + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * One byte a second to every sender still open, until the ingress has closed them all or {@link #HOLD} is up.
     * A sender counts as closed once its read sees the end of the stream (or an answer), or a write fails.
     */
    private static int trickleUntilClosed(List<Socket> senders, long started) throws InterruptedException {
        boolean[] closed = new boolean[senders.size()];
        int count = 0;
        while (count < senders.size() && System.nanoTime() - started < HOLD.toNanos()) {
            for (int i = 0; i < senders.size(); i++) {
                if (!closed[i] && isClosed(senders.get(i))) {
                    closed[i] = true;
                    count++;
                }
            }
            if (count < senders.size()) {
                // the pace of a slow sender, not a wait for a condition: one byte per sender per second
                Thread.sleep(1_000);
            }
        }
        return count;
    }

    private static boolean isClosed(Socket sender) {
        try {
            sender.getOutputStream().write(' ');
            sender.getOutputStream().flush();
            InputStream in = sender.getInputStream();
            try {
                in.read();
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            }
        } catch (IOException resetOrBrokenPipe) {
            return true;
        }
    }

    private static int bodiesReading() {
        Matcher matcher = READING.matcher(client.get("/metrics").body());
        return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : -1;
    }

    /** Heap in use after a collection: what is still referenced, not garbage not yet collected. */
    private static long settledHeapUsed() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static byte[] sample(String resource) throws IOException {
        try (InputStream in = WebhookIngressSlowSenderIntegrationTest.class.getClassLoader()
                .getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
