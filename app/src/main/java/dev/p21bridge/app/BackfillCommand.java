package dev.p21bridge.app;

import dev.p21bridge.ingress.poll.StoreOrderBackfill;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.storefront.StorefrontSinkConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge backfill orders --store S --since D} (docs/contract.md, section 'Commands'): brings a store's order
 * history into the bridge, for an outage longer than the poll overlap or a store the bridge was switched on for;
 * {@link StoreOrderBackfill} says how exactly once holds. Stops on Ctrl-C after the order being written, with its
 * position kept; the same command resumes there (docs/order-polling.md, 'Backfill').
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Bring a store's order history into the bridge.",
        subcommands = BackfillCommand.OrdersCommand.class)
final class BackfillCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "orders", mixinStandardHelpOptions = true,
            description = "Read a store's orders since a date through its API and feed what P21 lacks; an order P21"
                    + " has is not created again. Ctrl-C stops; the same command resumes.")
    static final class OrdersCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "a store of BRIDGE_STORES,"
                + " e.g. xcart")
        String storeName;

        @Option(names = "--since", required = true, paramLabel = "ISO-8601", description = "orders created at or"
                + " after this time (2026-11-01T00:00:00Z) or date (2026-11-01, midnight UTC)")
        String since;

        @Option(names = "--rate", paramLabel = "N", description = "orders a second at most (default: ${DEFAULT-VALUE});"
                + " live orders are not queued behind a slower lane", defaultValue = "50")
        double rate;

        @Option(names = "--restart", description = "start at --since again, ignoring where an earlier run stopped")
        boolean restart;

        @Mixin
        BootstrapServerOption kafka;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() throws Exception {
            Instant from = parseSince(since);
            if (from.isAfter(clock.instant())) {
                throw new ParameterException(spec.commandLine(), "--since " + since + " is in the future");
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new ParameterException(spec.commandLine(), "--rate must be more than 0 orders a second, got "
                        + rate);
            }
            Environment env = kafka.environment();
            Store store = store(StoreSettings.from(env));
            PrintWriter out = spec.commandLine().getOut();
            try (StoreOrderBackfill backfill = StoreOrderBackfill.open(store, KafkaConfig.from(env),
                    env.get(StorefrontSinkConfig.TIMEOUT));
                 StopOnInterrupt stop = new StopOnInterrupt()) {
                backfill.resumesFrom(from).filter(at -> !restart).ifPresent(at -> out.println("resuming the backfill"
                        + " of " + store.name() + " since " + from + " at orders created " + at
                        + " (--restart starts again)"));
                out.flush();
                StoreOrderBackfill.Result result = withProgress(store.name(), out,
                        progress -> backfill.run(from, restart, rate, progress, stop));
                out.printf("%s: %d orders read, %d sent to raw.%s since %s%n", result.stopped() ? "stopped"
                        : "done", result.read(), result.sent(), store.platform().id(), from);
                if (result.stopped()) {
                    out.println("the position is kept: the same command resumes there");
                }
                out.flush();
                stop.finished();
                return 0;
            }
        }

        private interface Run {
            StoreOrderBackfill.Result with(Consumer<StoreOrderBackfill.Progress> progress) throws Exception;
        }

        /** A bar on a terminal; else one line a page: "page 7, 700 orders read, 650 sent". */
        private static StoreOrderBackfill.Result withProgress(String store, PrintWriter out, Run run) throws Exception {
            if (System.console() == null) {
                return run.with(p -> {
                    out.printf("page %d, %d orders read, %d sent%n", p.page(), p.read(), p.sent());
                    out.flush();
                });
            }
            try (ProgressBar bar = new ProgressBar("backfill " + store, -1)) {
                return run.with(p -> {
                    bar.stepTo(p.sent());
                    bar.setExtraMessage("page " + p.page() + ", " + p.read() + " read");
                });
            }
        }

        private Store store(List<Store> stores) {
            return stores.stream().filter(s -> s.name().equals(storeName)).findFirst().orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "unknown store '" + storeName + "'; the stores"
                            + " (BRIDGE_STORES) are " + stores.stream().map(Store::name)
                            .collect(Collectors.joining(", "))));
        }

        private Instant parseSince(String text) {
            String value = text.strip();
            try {
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--since must be an ISO-8601 time such as"
                        + " 2026-11-01T00:00:00Z or a date such as 2026-11-01, got '" + text + "'");
            }
        }
    }
}
