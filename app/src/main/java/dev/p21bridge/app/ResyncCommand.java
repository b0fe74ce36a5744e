package dev.p21bridge.app;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.catalog.StockResync;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge resync ...} (docs/contract.md, section 'Commands'): re-sends the current state from the log without
 * disturbing live sync, each subcommand on its own slower lane: {@code stock} is here, {@code order} is
 * {@link ResyncOrderCommand}.
 */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = "Re-send the current state from the log, without disturbing live sync.",
        subcommands = {ResyncCommand.StockCommand.class, ResyncOrderCommand.class})
final class ResyncCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "name what to re-sync: stock [--store S] [--sku A,B] or order <order key>");
    }

    /**
     * {@code ./bridge resync stock [--store S] [--sku A,B]}: the current level of every SKU (or those named) from
     * canonical.inventory to the stores, through the storefront-sink's own lane ({@link StockResync}); for a store
     * whose amounts were wiped or edited by hand (docs/operations.md, 'Resync stock'). Ctrl-C stops after the SKU
     * being sent; the same command resumes after it.
     */
    @Command(name = "stock", mixinStandardHelpOptions = true,
            description = "Write the current stock level of every SKU (or those named) to the stores again.")
    static final class StockCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "STORE", description = "only this store of BRIDGE_STORES (default:"
                + " every store)")
        String storeName;

        @Option(names = "--sku", paramLabel = "A,B", split = ",", description = "only these SKUs (default: every SKU"
                + " the bridge has a level of)")
        List<String> skus;

        @Option(names = "--rate", paramLabel = "N", defaultValue = "200", description = "SKUs a second at most"
                + " (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--restart", description = "start at the first SKU again, ignoring where a stopped run of the"
                + " same SKUs ended")
        boolean restart;

        @Mixin
        BootstrapServerOption kafka;

        @Override
        public Integer call() throws Exception {
            Set<String> named = new LinkedHashSet<>();
            for (String sku : skus == null ? List.<String>of() : skus) {
                if (sku.isBlank()) {
                    throw new ParameterException(spec.commandLine(), "--sku names an empty SKU");
                }
                named.add(sku.strip());
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new ParameterException(spec.commandLine(), "--rate must be more than 0 SKUs a second, got "
                        + rate);
            }
            Environment env = kafka.environment();
            List<Store> stores = stores(StoreSettings.from(env));
            Set<Storefront> storefronts = new LinkedHashSet<>();
            stores.forEach(store -> storefronts.add(Storefront.of(store)));
            String where = stores.stream().map(Store::name).collect(Collectors.joining(", "));
            PrintWriter out = spec.commandLine().getOut();
            try (StockResync resync = StockResync.open(KafkaConfig.from(env));
                 StopOnInterrupt stop = new StopOnInterrupt()) {
                StockResync.Result result;
                if (System.console() != null) {
                    try (ProgressBar bar = new ProgressBar("resync stock", -1)) {
                        result = resync.run(storefronts, named, rate, restart, p -> {
                            bar.maxHint(p.total());
                            bar.stepTo(p.sent());
                        }, stop);
                    }
                } else {
                    result = resync.run(storefronts, named, rate, restart, p -> {
                        out.printf("%d of %d SKUs sent%n", p.sent(), p.total());
                        out.flush();
                    }, stop);
                }
                if (result.resumedAfter() != null) {
                    out.println("resumed after SKU " + result.resumedAfter() + ", where a stopped run ended"
                            + " (--restart starts again)");
                }
                if (!result.missing().isEmpty()) {
                    out.println("no stock level in canonical.inventory for " + String.join(", ", result.missing()));
                }
                out.printf("%s %d SKUs to %s%s%n", result.stopped() ? "stopped after re-sending" : "re-sent",
                        result.sent(), where, result.stopped() ? " of " + result.total() + "; the same command"
                                + " resumes" : "");
                out.flush();
                stop.finished();
                return result.missing().isEmpty() || result.sent() > 0 ? 0 : 1;
            }
        }

        private List<Store> stores(List<Store> all) {
            if (storeName == null) {
                return all;
            }
            return List.of(all.stream().filter(s -> s.name().equals(storeName)).findFirst().orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "unknown store '" + storeName + "'; the stores"
                            + " (BRIDGE_STORES) are " + all.stream().map(Store::name)
                            .collect(Collectors.joining(", ")))));
        }
    }
}
