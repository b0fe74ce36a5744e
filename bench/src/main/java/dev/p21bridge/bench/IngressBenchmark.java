package dev.p21bridge.bench;

import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.ingress.WebhookIngress;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Ingress speed targets (docs/benchmarks.md): signed 2 KB X-Cart {@code order.created} webhooks, acks=all.
 * <ol>
 *   <li>Max rate: the ingress must accept at least {@value #RATE_TARGET} times the rate of {@link BareKafkaEndpoint}
 *       (a Javalin endpoint that only writes the body to Kafka), both measured in the same run on the same broker and
 *       topic, in alternating rounds after a warm-up of each, so neither gets a warmer JIT or broker.</li>
 *   <li>Latency: p99 at most {@value #P99_TARGET_MILLIS} ms at a fixed 5,000 webhooks/s (open loop). A machine that
 *       cannot accept that many abandons the round once its backlog passes the limit, and the round misses the
 *       target. The p99 of all rounds together is judged beside each round's. For information, both endpoints are then
 *       also measured at half the baseline's max rate when that is below the target rate.</li>
 * </ol>
 * System properties (defaults in brackets): {@code bench.seconds} per max-rate round [6], {@code bench.rounds} [3],
 * {@code bench.warmupRounds} per endpoint [3] (with one, the first measured rounds still ran at half speed while C2
 * compiled), {@code bench.inflight} [32], {@code bench.rate} [5000], {@code bench.latencySeconds} per fixed-rate round
 * [8], {@code bench.latencyRounds} [4], {@code bench.maxBacklog} unanswered requests at which a fixed-rate round is
 * abandoned [2000], {@code bench.connections} of a fixed-rate round [64], {@code bench.settings} [none],
 * {@code bench.generator} [same-jvm]: {@code child} runs the load generator in a JVM of its own
 * ({@link GeneratorProcess}), with {@code bench.generatorHeap} [512m].
 */
public final class IngressBenchmark {

    static final double RATE_TARGET = 0.85;
    static final double P99_TARGET_MILLIS = 25;
    private static final String SECRET = "bench-xcart-secret";
    private static final int BODY_BYTES = 2_048;

    private record Endpoint(String name, URI uri) {
    }

    private IngressBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MachineReport.giveTheCommonPoolTwoThreads();
        boolean childGenerator = "child".equals(System.getProperty("bench.generator", "same-jvm"));
        System.out.println("machine: " + MachineReport.describe());
        Map<String, String> settings = BenchSettings.fromSystemProperty();
        Map<String, String> ingressSettings = new HashMap<>(settings);
        ingressSettings.put(IngressConfig.PORT.name(), "0");
        ingressSettings.put(IngressConfig.XCART_SECRET.name(), SECRET);
        ingressSettings.put(IngressConfig.CLARITY_SECRET.name(), "bench-clarity-secret");
        try (ScratchBroker broker = ScratchBroker.start();
             WebhookIngress ingress = new WebhookIngress(IngressConfig.from(broker.environment(ingressSettings)))
                     .start();
             BareKafkaEndpoint bareEndpoint = BareKafkaEndpoint.start(KafkaConfig.from(broker.environment(settings)),
                     Topics.RAW_XCART.name())) {
            URI bare = URI.create("http://localhost:" + bareEndpoint.port() + BareKafkaEndpoint.PATH);
            URI product = URI.create("http://localhost:" + ingress.port() + "/webhooks/xcart");
            if (childGenerator) {
                int exit = GeneratorProcess.run(bare, product);
                if (exit != 0) {
                    System.out.println("the load generator's JVM ended with exit code " + exit);
                }
            } else {
                System.out.println("load generator: in this JVM (bench.generator=same-jvm, the default)");
                measure(bare, product);
            }
        }
        // a Streams thread that failed to close in time (see docs/benchmarks.md) is not a daemon and would keep the JVM
        System.exit(0);
    }

    /**
     * The load generator's own JVM: everything {@link #main} prints from the warm-up on. Started by
     * {@link GeneratorProcess} with the endpoints' addresses.
     */
    static final class Generator {

        private Generator() {
        }

        public static void main(String[] args) throws Exception {
            MachineReport.giveTheCommonPoolTwoThreads();
            System.out.println("load generator: its own JVM (pid " + ProcessHandle.current().pid() + ")");
            measure(URI.create(args[0]), URI.create(args[1]));
            System.exit(0);
        }
    }

    static void measure(URI bareUri, URI productUri) throws InterruptedException {
        Duration round = Duration.ofSeconds(Integer.getInteger("bench.seconds", 6));
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmupRounds = Integer.getInteger("bench.warmupRounds", 3);
        int inFlight = Integer.getInteger("bench.inflight", 32);
        int rate = Integer.getInteger("bench.rate", 5_000);
        Duration latencyRound = Duration.ofSeconds(Integer.getInteger("bench.latencySeconds", 8));
        int latencyRounds = Integer.getInteger("bench.latencyRounds", 4);
        int maxBacklog = Integer.getInteger("bench.maxBacklog", 2_000);
        SignedWebhooks webhooks = new SignedWebhooks(OrderBodies.xcart(BODY_BYTES), SECRET, OrderBodies.FIRST_ORDER_ID);
        WebhookLoad load = new WebhookLoad(webhooks, maxBacklog);
        Endpoint bare = new Endpoint("bare", bareUri);
        Endpoint product = new Endpoint("ingress", productUri);
        System.out.printf("body %d bytes, %d in flight, max-rate rounds of %ss, fixed-rate rounds of %ss%n",
                webhooks.bodyBytes(), inFlight, round.toSeconds(), latencyRound.toSeconds());

        System.out.println("warm-up (not counted)");
        for (int i = 0; i < warmupRounds; i++) {
            print(load.maxRate(bare.name(), bare.uri(), round, inFlight));
            print(load.maxRate(product.name(), product.uri(), round, inFlight));
        }

        System.out.println("max rate");
        List<WebhookLoad.Throughput> bareRuns = new ArrayList<>();
        List<WebhookLoad.Throughput> ingressRuns = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            // alternate who goes first, so neither always follows the other's leftover broker work
            boolean bareFirst = i % 2 == 0;
            for (Endpoint endpoint : bareFirst ? List.of(bare, product) : List.of(product, bare)) {
                WebhookLoad.Throughput run = print(load.maxRate(endpoint.name(), endpoint.uri(), round, inFlight));
                (endpoint == bare ? bareRuns : ingressRuns).add(run);
            }
        }
        double bareRate = rate(bareRuns);
        double ingressRate = rate(ingressRuns);

        System.out.println("fixed rate " + rate + "/s");
        List<WebhookLoad.FixedRate> atTarget = fixedRate(load, List.of(product, bare), rate, latencyRound,
                latencyRounds);
        int half = (int) Math.max(100, Math.floor(bareRate / 2 / 100) * 100);
        List<WebhookLoad.FixedRate> atHalf = List.of();
        if (half < rate) {
            System.out.println("fixed rate " + half + "/s (half the baseline's max rate)");
            atHalf = fixedRate(load, List.of(product, bare), half, latencyRound, latencyRounds);
        }

        System.out.println();
        System.out.println("machine after: loadavg=" + MachineReport.loadAverage());
        System.out.println("| measure | bare Javalin + Kafka | ingress | target | met |");
        System.out.println("|---|---|---|---|---|");
        double ratio = ingressRate / bareRate;
        System.out.printf("| max rate, webhooks/s (%d rounds x %ds, %d in flight) | %.0f | %.0f (%.2f x) | >= %.2f x | %s |%n",
                rounds, round.toSeconds(), inFlight, bareRate, ingressRate, ratio, RATE_TARGET,
                ratio >= RATE_TARGET ? "yes" : "NO");
        printLatencyRows(atTarget, "p99 <= " + (int) P99_TARGET_MILLIS + " ms", true);
        printPooledRow(atTarget);
        printLatencyRows(atHalf, "(information)", false);
    }

    /** Rounds alternate between the endpoints; results come back in the order they ran. */
    private static List<WebhookLoad.FixedRate> fixedRate(WebhookLoad load, List<Endpoint> endpoints, int rate,
                                                         Duration duration, int rounds) throws InterruptedException {
        List<WebhookLoad.FixedRate> runs = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (Endpoint endpoint : endpoints) {
                runs.add(print(load.fixedRate(endpoint.name(), endpoint.uri(), rate, duration)));
            }
        }
        return runs;
    }

    private static void printLatencyRows(List<WebhookLoad.FixedRate> runs, String target, boolean judged) {
        for (int i = 0; i + 1 < runs.size(); i += 2) {
            WebhookLoad.FixedRate ingress = runs.get(i);
            WebhookLoad.FixedRate bare = runs.get(i + 1);
            boolean met = ingress.latency().p99Millis() <= P99_TARGET_MILLIS && ingress.failed() == 0
                    && !ingress.abandoned();
            System.out.printf("| latency at %d/s, round %d, p50 / p99 / max ms | %s | %s | %s | %s |%n",
                    ingress.rate(), i / 2 + 1, millis(bare), millis(ingress), target,
                    judged ? (met ? "yes" : "NO") : "-");
        }
    }

    /** Every round at the target rate as one sample: the p99 of all its requests, which no single round decides. */
    private static void printPooledRow(List<WebhookLoad.FixedRate> runs) {
        List<Latencies> ingress = new ArrayList<>();
        List<Latencies> bare = new ArrayList<>();
        boolean clean = true;
        for (int i = 0; i + 1 < runs.size(); i += 2) {
            ingress.add(runs.get(i).latencies());
            bare.add(runs.get(i + 1).latencies());
            clean &= runs.get(i).failed() == 0 && !runs.get(i).abandoned();
        }
        Latencies.Summary ingressAll = Latencies.pooled(ingress);
        Latencies.Summary bareAll = Latencies.pooled(bare);
        boolean met = clean && ingressAll.p99Millis() <= P99_TARGET_MILLIS;
        System.out.printf("| latency at %d/s, all %d rounds together (%d requests each), p50 / p99 / max ms | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | p99 <= %d ms | %s |%n",
                runs.get(0).rate(), ingress.size(), ingressAll.count(), bareAll.p50Millis(), bareAll.p99Millis(),
                bareAll.maxMillis(), ingressAll.p50Millis(), ingressAll.p99Millis(), ingressAll.maxMillis(),
                (int) P99_TARGET_MILLIS, met ? "yes" : "NO");
    }

    private static double rate(List<WebhookLoad.Throughput> runs) {
        long accepted = runs.stream().mapToLong(WebhookLoad.Throughput::accepted).sum();
        double seconds = runs.stream().mapToDouble(WebhookLoad.Throughput::seconds).sum();
        return accepted / seconds;
    }

    private static String millis(WebhookLoad.FixedRate run) {
        String abandoned = run.abandoned() ? String.format(" (abandoned after %d of %d sends: over %d unanswered)",
                run.sent(), run.scheduled(), Integer.getInteger("bench.maxBacklog", 2_000)) : "";
        return String.format("%.1f / %.1f / %.1f%s%s", run.latency().p50Millis(), run.latency().p99Millis(),
                run.latency().maxMillis(), run.failed() == 0 ? "" : " (" + run.failed() + " failed)", abandoned);
    }

    private static WebhookLoad.Throughput print(WebhookLoad.Throughput run) {
        System.out.printf("  %-8s %6.0f/s  accepted=%d failed=%d in %.1fs%s  loadavg=%s%n", run.target(),
                run.perSecond(), run.accepted(), run.failed(), run.seconds(),
                run.firstFailure() == null ? "" : " first failure: " + run.firstFailure(), MachineReport.loadAverage());
        return run;
    }

    private static WebhookLoad.FixedRate print(WebhookLoad.FixedRate run) {
        System.out.printf("  %-8s %s sent=%d/%d failed=%d max send lag %.1fms%s  loadavg=%s%n", run.target(),
                run.latency(), run.sent(), run.scheduled(), run.failed(), run.sendLagMaxMillis(),
                run.firstFailure() == null ? "" : " first failure: " + run.firstFailure(), MachineReport.loadAverage());
        return run;
    }
}
