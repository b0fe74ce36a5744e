package dev.p21bridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.resync.OrderResync;
import dev.p21bridge.app.resync.ResyncOutcome;
import dev.p21bridge.app.resync.ScannedCanonicalOrders;
import dev.p21bridge.platform.config.KafkaConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge resync order <order key>}: re-drives one order through the p21-sink ({@link OrderResync}). With
 * {@code --console URL} the console finds the order's latest record in its trace index
 * ({@code POST /api/orders/{key}/resync}); without, this command reads the key's partition of canonical.orders
 * itself. Exits 0 when re-sent, 1 when there is nothing to re-send or it is not re-sent yet, 2 on bad arguments.
 */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = "Re-drives one order through the p21-sink: its latest canonical record goes to"
                + " bridge.resync.orders; P21 gets it once (found by web reference if it has it, else created).")
final class ResyncOrderCommand implements Callable<Integer> {

    private static final Duration SCAN_LIMIT = Duration.ofMinutes(10);
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ORDER_KEY", description = "the order's key <store>:<order id>, e.g."
            + " xcart:10452")
    String orderKey;

    @Mixin
    ConsoleOption console;


    @Mixin
    BootstrapServerOption kafka;

    @Override
    public Integer call() throws Exception {
        String key;
        try {
            key = OrderResync.checkKey(orderKey);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "ORDER_KEY " + e.getMessage());
        }
        return console.given() ? askConsole(key) : resyncHere(key);
    }

    private int resyncHere(String key) {
        KafkaConfig config = KafkaConfig.from(kafka.environment());
        ResyncOutcome outcome;
        if (System.console() != null) {
            try (ProgressBar bar = new ProgressBar("reading canonical.orders", 0);
                 OrderResync resync = OrderResync.scanning(config, source(config, bar::maxHint, bar::stepTo))) {
                outcome = resync.resend(key);
            }
        } else {
            err().println("reading " + key + "'s partition of canonical.orders ...");
            try (OrderResync resync = OrderResync.scanning(config, source(config, total -> { }, read -> { }))) {
                outcome = resync.resend(key);
            }
        }
        return report(outcome.message(), outcome instanceof ResyncOutcome.Resent);
    }

    private static ScannedCanonicalOrders source(KafkaConfig config, LongConsumer total,
                                               LongConsumer progress) {
        return new ScannedCanonicalOrders(config.clientProperties(), SCAN_LIMIT, total, progress);
    }

    private int askConsole(String key) throws IOException, InterruptedException {
        URI url = console.resolve("/api/orders/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%3A", ":")
                + "/resync");
        HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(url).timeout(CONSOLE_TIMEOUT).header("Authorization", "Bearer " + console.token())
                        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 401) {
            throw new ParameterException(spec.commandLine(), "the console refused the admin token (401)");
        }
        JsonNode body = answer.body().isBlank() ? JSON.nullNode() : JSON.readTree(answer.body());
        String message = body.path(answer.statusCode() == 202 ? "message" : "error").asText(answer.body());
        return report(answer.statusCode() == 202 || answer.statusCode() == 404 || answer.statusCode() == 409 ? message
                : "the console answered " + answer.statusCode() + ": " + message, answer.statusCode() == 202);
    }

    private int report(String message, boolean resent) {
        if (resent) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(message);
            out.flush();
            return 0;
        }
        err().println("bridge resync order: " + message);
        err().flush();
        return 1;
    }


    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
