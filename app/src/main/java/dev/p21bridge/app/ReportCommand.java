package dev.p21bridge.app;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.reconciliation.ReconciliationSerdes;
import dev.p21bridge.reconciliation.report.ReconciliationReader;
import dev.p21bridge.reconciliation.report.ReconciliationReport;
import dev.p21bridge.reconciliation.report.ReportFormat;
import dev.p21bridge.reconciliation.report.ReportQuery;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./bridge report ...}: reports read from the canonical topics; changes nothing. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports read from the canonical topics.",
        subcommands = {ReportCommand.ReconciliationCommand.class})
final class ReportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ./bridge report reconciliation --from D --to D [--store S] [--csv]}: each order's latest reconciliation
     * from {@code canonical.reconciliation} (docs/reconciliation.md). Exits 0 when orders do not reconcile, since
     * that is what it reports; non-zero only when it cannot report.
     */
    @Command(name = "reconciliation", mixinStandardHelpOptions = true,
            description = {"Storefront payments against P21 orders, payments and invoices, to the cent: what does not"
                    + " match and why.", "Reads canonical.reconciliation; orders are chosen by their order date (UTC)."})
    static final class ReconciliationCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first order date, included")
        String from;

        @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "last order date, included")
        String to;

        @Option(names = "--store", paramLabel = "STORE", description = "only this store's orders (default: all)")
        String store;

        @Option(names = "--csv", description = "a header and one row per order, for a spreadsheet")
        boolean csv;

        @Mixin
        BootstrapServerOption kafkaServer;

        @Option(names = "--schema-registry", paramLabel = "URL",
                description = "schema registry (default: BRIDGE_SCHEMA_REGISTRY_URL, else http://localhost:8081)")
        String schemaRegistry;

        /** The environment the command reads its Kafka settings from; tests give their own. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            ReportQuery query = parameter(() -> ReportQuery.parse(from, to, store, "--"));
            Map<String, String> env = kafkaServer.over(environment);
            if (schemaRegistry != null) {
                env.put(KafkaConfig.SCHEMA_REGISTRY_URL.name(), schemaRegistry);
            }
            KafkaConfig kafka = KafkaConfig.from(new Environment(env));
            ReconciliationReader reader = new ReconciliationReader(kafka.clientProperties(), ReconciliationSerdes
                    .confluent(new SchemaRegistryClient(kafka.schemaRegistryUrl().toString())).reconciliations()
                    .deserializer());
            Collection<OrderReconciliation> latest = read(reader);
            ReconciliationReport report = parameter(() -> ReconciliationReport.of(latest, query));
            PrintWriter out = spec.commandLine().getOut();
            if (csv) {
                ReportFormat.csv(report, out);
            } else {
                ReportFormat.text(report, out);
            }
            return 0;
        }

        /** A progress bar on a terminal; otherwise a plain line before and after, on stderr so CSV stays clean. */
        private Collection<OrderReconciliation> read(ReconciliationReader reader) {
            PrintWriter err = spec.commandLine().getErr();
            if (System.console() == null) {
                Collection<OrderReconciliation> latest = reader.latest(new ReconciliationReader.Progress() {
                    @Override
                    public void started(long records) {
                        err.println("reading canonical.reconciliation: " + records + " record(s)");
                        err.flush();
                    }
                });
                err.println("read " + latest.size() + " order(s)");
                err.flush();
                return latest;
            }
            ProgressBar[] bar = new ProgressBar[1];
            try {
                return reader.latest(new ReconciliationReader.Progress() {
                    @Override
                    public void started(long records) {
                        bar[0] = new ProgressBar("canonical.reconciliation", records);
                    }

                    @Override
                    public void read(long records) {
                        bar[0].stepTo(records);
                    }
                });
            } finally {
                if (bar[0] != null) {
                    bar[0].close();
                }
            }
        }

        private <T> T parameter(java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }
}
