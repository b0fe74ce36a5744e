package dev.p21bridge.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.mapping.CompiledMappingSet;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.transformer.mapping.TemplateMapper;
import dev.p21bridge.transformer.normalize.ClarityNormalizer;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.XCartNormalizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The transformer's order mapping step with the bundled JSONata templates against the Java normalizers they replace,
 * in one run on one thread: parse the webhook body, map it to the canonical order, encode it in Avro, for X-Cart and
 * Clarity orders alternately, in rounds that alternate the two ways so JIT and GC weigh on both alike. Reports the CPU
 * per order of each way and their ratio (target: templates at most 2x; docs/benchmarks.md).
 *
 * <p>{@code -Dbench.orders=20000 -Dbench.rounds=6}.
 */
public final class MappingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final P21Defaults DEFAULTS = new P21Defaults("10", "20", "WEB", 1);
    /** What the encoded orders add up to: read by nobody, written so the JIT cannot drop the work. */
    static volatile long encodedBytes;

    private MappingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int orders = Integer.getInteger("bench.orders", 20_000);
        int rounds = Integer.getInteger("bench.rounds", 6);
        List<byte[]> xcart = new ArrayList<>();
        List<byte[]> clarity = new ArrayList<>();
        OrderBodies.Template xcartBody = OrderBodies.xcart(2_048);
        OrderBodies.Template clarityBody = OrderBodies.clarity();
        for (int i = 0; i < orders / 2; i++) {
            xcart.add(xcartBody.render(OrderBodies.FIRST_ORDER_ID + i));
            clarity.add(clarityBody.render(OrderBodies.FIRST_ORDER_ID + i));
        }
        XCartNormalizer javaXcart = new XCartNormalizer(SkuCrossReference.none(), DEFAULTS);
        ClarityNormalizer javaClarity = new ClarityNormalizer(SkuCrossReference.none(), DEFAULTS);
        TemplateMapper templates = new TemplateMapper(CompiledMappingSet.compile(MappingSet.bundled()),
                SkuCrossReference.none(), DEFAULTS);
        Way java = new Way("Java normalizers", event -> event.source() == Source.XCART ? javaXcart.order(event)
                : javaClarity.order(event));
        Way jsonata = new Way("JSONata templates", templates::order);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // two warm-up rounds each, not counted
        for (int round = 0; round < 2; round++) {
            java.run(xcart, clarity, threads);
            jsonata.run(xcart, clarity, threads);
        }
        java.reset();
        jsonata.reset();
        for (int round = 0; round < rounds; round++) {
            long javaBefore = java.cpuNanos;
            long templatesBefore = jsonata.cpuNanos;
            java.run(xcart, clarity, threads);
            jsonata.run(xcart, clarity, threads);
            // a round slower than the one before would be a leak, not noise
            System.out.printf("round %d: Java %.1f us, templates %.1f us per order%n", round + 1,
                    (java.cpuNanos - javaBefore) / 1e3 / orders, (jsonata.cpuNanos - templatesBefore) / 1e3 / orders);
        }
        System.out.println(MachineReport.describe());
        System.out.printf("orders per round: %d (half X-Cart, half Clarity), rounds: %d%n", orders, rounds);
        double javaMicros = java.microsPerOrder();
        double templateMicros = jsonata.microsPerOrder();
        System.out.printf("%-18s %8.1f us CPU per order (parse, map, validate, Avro)%n", java.name, javaMicros);
        System.out.printf("%-18s %8.1f us CPU per order%n", jsonata.name, templateMicros);
        System.out.printf("templates / Java: %.2f x (target <= 2.0)%n", templateMicros / javaMicros);
    }

    /** One way of mapping, with the CPU it took over the counted rounds. */
    private static final class Way {
        private final String name;
        private final Function<RawEvent, Order> map;
        private long cpuNanos;
        private long mapped;

        Way(String name, Function<RawEvent, Order> map) {
            this.name = name;
            this.map = map;
        }

        void run(List<byte[]> xcart, List<byte[]> clarity, ThreadMXBean threads) throws IOException {
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < xcart.size(); i++) {
                encodedBytes += once(Source.XCART, xcart.get(i));
                encodedBytes += once(Source.CLARITY, clarity.get(i));
            }
            cpuNanos += threads.getCurrentThreadCpuTime() - before;
            mapped += 2L * xcart.size();
        }

        private int once(Source source, byte[] body) throws IOException {
            JsonNode json = JSON.readTree(body);
            Order order = map.apply(new RawEvent(source, "order.created", "bench", Instant.EPOCH, json));
            return order.toByteBuffer().remaining();
        }

        void reset() {
            cpuNanos = 0;
            mapped = 0;
        }

        double microsPerOrder() {
            return cpuNanos / 1_000.0 / mapped;
        }
    }
}
