package dev.p21bridge.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load balancer in front of several ingress instances does for the storefronts' webhooks: each request goes
 * to the next instance in turn, and to the one after it when an instance does not answer (killed, restarting). A
 * request an instance took but never answered is sent again elsewhere, so the bridge sees it twice, as it does when a
 * real balancer retries or a storefront redelivers.
 */
final class WebhookBalancer implements AutoCloseable {

    /** Headers the JDK's client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final List<Integer> ingressPorts;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failovers = new AtomicInteger();
    private final HttpServer server;

    WebhookBalancer(List<Integer> ingressPorts) throws IOException {
        this.ingressPorts = List.copyOf(ingressPorts);
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", this::forward);
        server.start();
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** How many requests went to a second instance because the first did not answer. */
    int failovers() {
        return failovers.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int first = Math.floorMod(next.getAndIncrement(), ingressPorts.size());
            for (int attempt = 0; attempt < ingressPorts.size(); attempt++) {
                int port = ingressPorts.get((first + attempt) % ingressPorts.size());
                try {
                    HttpResponse<byte[]> answer = client.send(request(exchange, body, port),
                            HttpResponse.BodyHandlers.ofByteArray());
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                    return;
                } catch (IOException unanswered) {
                    failovers.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            exchange.sendResponseHeaders(503, -1);
        } finally {
            exchange.close();
        }
    }

    private static HttpRequest request(HttpExchange exchange, byte[] body, int port) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(15))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
