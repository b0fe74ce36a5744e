package dev.p21bridge.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.holds.HoldBook;
import dev.p21bridge.app.holds.HoldDecisions;
import dev.p21bridge.app.holds.HoldView;
import dev.p21bridge.platform.config.KafkaConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge orders held|approve <key>|reject <key>}: orders the risk score held for review (docs/risk.md,
 * "Holds"). A decision is refused, exit 1 with one line saying why, when the order is not held now; a malformed key
 * is a usage error (exit 2). Talks to the Kafka of {@code BRIDGE_KAFKA_BOOTSTRAP} or {@code --bootstrap-server}.
 */
@Command(name = "orders", mixinStandardHelpOptions = true, description = "Orders held for review.",
        subcommands = {OrdersCommand.HeldCommand.class, OrdersCommand.ApproveCommand.class,
                OrdersCommand.RejectCommand.class})
final class OrdersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "held", mixinStandardHelpOptions = true,
            description = "List the orders held for review: key, P21 order, score, top reasons, age.")
    static final class HeldCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BootstrapServerOption kafka;

        @Option(names = "--json", description = "one JSON array, for scripts")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now();
            List<HoldView> holds = new HoldBook(KafkaConfig.from(kafka.environment())).open().stream()
                    .map(hold -> HoldView.of(hold, now)).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(holds));
            } else {
                out.printf("%-24s %-10s %5s %-12s %-10s %s%n", "ORDER", "P21 ORDER", "SCORE", "AGE", "STATE",
                        "TOP REASONS");
                for (HoldView hold : holds) {
                    out.printf("%-24s %-10s %5d %-12s %-10s %s%n", hold.orderKey(), hold.p21OrderNo(), hold.score(),
                            hold.age(), hold.state(), hold.topReasons(3));
                }
                out.println(holds.size() + " held order(s)");
            }
            out.flush();
            return 0;
        }
    }

    /** What approve and reject share: the key, Kafka, and how an outcome is told. */
    abstract static class Decision implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BootstrapServerOption kafka;

        @Parameters(index = "0", paramLabel = "KEY", description = "the order key <store>:<order id>, e.g. xcart:10452")
        String key;

        abstract HoldDecisions.Outcome decide(HoldDecisions decisions, String key);

        abstract String done();

        @Override
        public Integer call() {
            try {
                HoldDecisions.checkedKey(key);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            HoldDecisions decisions = new HoldDecisions(new HoldBook(KafkaConfig.from(kafka.environment())),
                    Clock.systemUTC());
            HoldDecisions.Outcome outcome = decide(decisions, key);
            if (outcome instanceof HoldDecisions.Outcome.Decided decided) {
                spec.commandLine().getOut().println(key + " " + done() + " (P21 order " + decided.hold().p21OrderNo()
                        + "); the p21-sink applies it to P21");
                spec.commandLine().getOut().flush();
                return 0;
            }
            String message = outcome instanceof HoldDecisions.Outcome.NotFound notFound ? notFound.message()
                    : ((HoldDecisions.Outcome.NotHeld) outcome).message();
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a held order: the p21-sink releases it in P21.")
    static final class ApproveCommand extends Decision {
        @Override
        HoldDecisions.Outcome decide(HoldDecisions decisions, String key) {
            return decisions.approve(key, "cli");
        }

        @Override
        String done() {
            return "approved";
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject a held order: the p21-sink cancels it in P21, which cancels it in the storefront.")
    static final class RejectCommand extends Decision {
        @Override
        HoldDecisions.Outcome decide(HoldDecisions decisions, String key) {
            return decisions.reject(key, "cli");
        }

        @Override
        String done() {
            return "rejected";
        }
    }
}
