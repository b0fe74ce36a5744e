package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * P21 behind a server that closes each connection right after its answer without saying so (no
 * {@code Connection: close}), as an idle timeout does: the client's pool keeps a connection that is already dead.
 */
class P21HttpClientTest {

    private static final String ANSWER = "{\"AccessToken\":\"t\",\"ExpiresInSeconds\":3600,\"TokenType\":\"Bearer\","
            + "\"value\":[]}";

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger transactionsReceived = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "closing-p21");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void shouldReadAgainOnAFreshConnectionWhenP21ClosedThePooledOne() {
        P21HttpClient client = client();
        HttpUrl odata = url("/odataservice/odata/table/oe_hdr");

        for (int i = 0; i < 5; i++) {
            assertThat(client.get(odata, "odata-oe_hdr").path("value").isArray()).isTrue();
        }
        assertThat(connections.get()).as("a fresh connection for each read").isGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldNotSendAWriteAgainOnItsOwnWhenTheConnectionWasClosed() {
        P21HttpClient client = client();
        client.get(url("/odataservice/odata/table/oe_hdr"), "odata-oe_hdr");

        assertThatThrownBy(() -> client.post(url("/uiserver0/api/v2/transaction"), Map.of("Name", "Order"),
                "transaction-order")).isInstanceOf(P21CallException.class);
        assertThat(transactionsReceived.get()).as("the writer decides whether to send again").isLessThanOrEqualTo(1);
    }

    private P21HttpClient client() {
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        ObjectMapper json = new ObjectMapper();
        HttpUrl base = url("/");
        return new P21HttpClient(http, new P21TokenProvider(http, base, "p21api", "secret", Clock.systemUTC(), json),
                new P21ErrorPolicy(), CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()),
                new SimpleMeterRegistry(), json);
    }

    private HttpUrl url(String path) {
        return HttpUrl.get("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                String requestLine = in.readLine();
                int length = 0;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.skip(length);
                if (requestLine != null && requestLine.contains("/transaction")) {
                    transactionsReceived.incrementAndGet();
                    continue;  // the write arrives, the answer never does: the connection just closes
                }
                byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the test closed the server, or the client went away
            }
        }
    }
}
