package dev.p21bridge.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.trace.ScannedTrace;
import dev.p21bridge.app.trace.TraceAnswer;
import dev.p21bridge.app.trace.TracePrinter;
import dev.p21bridge.app.trace.TraceQuery;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.logging.PersonalData;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge trace <order key | e-mail | P21 order no>}: where an order is (docs/contract.md, section 'Commands').
 * With {@code --console URL} it asks the console's index ({@code GET /api/trace}, answered at once); without, it
 * scans the topics itself, from their beginning to their end at the start of the scan, which needs only Kafka and the
 * registry and takes as long as reading the topics does (docs/operations.md, 'Tracing an order').
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Where an order is: every record of it on every topic and its state in P21 and the storefront,"
                + " oldest first.")
final class TraceCommand implements Callable<Integer> {

    private static final Duration SCAN_LIMIT = Duration.ofMinutes(10);
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "an order key (xcart:10452), a buyer's e-mail, or a"
            + " P21 order number")
    String query;

    @Option(names = "--json", description = "the whole answer as JSON, for scripts (records included)")
    boolean json;

    @Mixin
    ConsoleOption console;


    @Option(names = "--schema-registry", paramLabel = "URL", description = "registry the scan decodes canonical"
            + " records with (default: BRIDGE_SCHEMA_REGISTRY_URL, else http://localhost:8081)")
    String schemaRegistry;

    @Mixin
    BootstrapServerOption kafka;

    @Override
    public Integer call() throws Exception {
        TraceQuery parsed;
        try {
            parsed = TraceQuery.parse(query);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replaceFirst("^q ", "QUERY "));
        }
        return console.given() ? askConsole(parsed) : scan(parsed);
    }

    private int scan(TraceQuery parsed) {
        Map<String, String> variables = kafka.over(System.getenv());
        if (schemaRegistry != null) {
            variables.put(KafkaConfig.SCHEMA_REGISTRY_URL.name(), schemaRegistry);
        }
        Environment env = new Environment(variables);
        boolean terminal = System.console() != null;
        AtomicLong total = new AtomicLong();
        TraceAnswer answer;
        if (terminal) {
            try (ProgressBar bar = new ProgressBar("scanning topics", 0);
                 ScannedTrace trace = ScannedTrace.scan(env, SCAN_LIMIT, bar::maxHint, bar::stepTo)) {
                answer = trace.tracer().trace(parsed);
            }
        } else {
            err().println("scanning the topics for " + shown(parsed) + " ...");
            try (ScannedTrace trace = ScannedTrace.scan(env, SCAN_LIMIT, total::set, read -> { })) {
                err().println("scanned " + total.get() + " records");
                answer = trace.tracer().trace(parsed);
            }
        }
        return show(answer, parsed);
    }

    private int askConsole(TraceQuery parsed) throws IOException, InterruptedException {
        String token = console.token();
        URI url = console.resolve("/api/trace?q=" + URLEncoder.encode(parsed.value(), StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(url).timeout(CONSOLE_TIMEOUT).header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        switch (answer.statusCode()) {
            case 200 -> {
                return show(JSON.readValue(answer.body(), TraceAnswer.class), parsed);
            }
            case 401 -> throw new ParameterException(spec.commandLine(), "the console refused the admin token (401)");
            case 404 -> {
                err().println("bridge trace: no order found for " + shown(parsed));
                return 1;
            }
            default -> {
                err().println("bridge trace: the console answered " + answer.statusCode() + ": " + answer.body());
                return 1;
            }
        }
    }

    private int show(TraceAnswer answer, TraceQuery parsed) {
        if (answer.matches().isEmpty()) {
            err().println("bridge trace: no order found for " + shown(parsed)
                    + " (the topics keep records 7 to 30 days)");
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
        } else {
            TracePrinter.print(answer, out);
        }
        return 0;
    }


    private static String shown(TraceQuery parsed) {
        return parsed.kind() == TraceQuery.Kind.EMAIL ? PersonalData.maskEmail(parsed.value()) : parsed.value();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
