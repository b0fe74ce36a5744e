package dev.p21bridge.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.topics.Topics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge dlq list|replay <service>}: what failed and why, and sending it back once the cause is fixed
 * (docs/contract.md, section 'Retries and dead letters'). Talks to the Kafka of {@code BRIDGE_KAFKA_BOOTSTRAP} (default
 * localhost:9092, the one {@code ./bridge up} runs).
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "List and replay dead letters.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ReplayCommand.class})
final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The filters both subcommands take. */
    static final class Filters {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Parameters(index = "0", description = "transformer, p21-sink or storefront-sink")
        String service;

        @Option(names = "--error-class", description = "validation, mapping, rejected-by-target, retries-exhausted, internal")
        String errorClass;

        @Option(names = "--since", description = "only dead letters that failed at or after this ISO-8601 instant")
        String since;

        @Option(names = "--key", description = "only dead letters with this record key")
        String key;

        @Mixin
        BootstrapServerOption kafka;

        DeadLetterFilter filter() {
            if (!Topics.SERVICES_WITH_DLQ.contains(service)) {
                throw new ParameterException(spec.commandLine(), "unknown service '" + service + "'; one of "
                        + String.join(", ", Topics.SERVICES_WITH_DLQ));
            }
            try {
                return new DeadLetterFilter(errorClass, since == null ? null : Instant.parse(since), key);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--since must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        DeadLetterStore store() {
            return new DeadLetterStore(KafkaConfig.from(kafka.environment()).clientProperties());
        }

        java.io.PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters with their reasons.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        Filters filters;

        @Option(names = "--json", description = "one JSON array, for scripts")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<DeadLetterEntry> entries = filters.store().list(filters.service, filters.filter());
            if (json) {
                filters.out().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(entries.stream().map(DeadLetterEntry::summary).toList()));
                return 0;
            }
            for (DeadLetterEntry entry : entries) {
                filters.out().printf("%s-%d@%d  %-18s %-24s key=%s%s%n    %s%n", entry.topic(), entry.partition(), entry.offset(),
                        entry.errorClass(), entry.failedAt(), entry.key(), entry.replayed() ? "  (replayed)" : "",
                        entry.message());
            }
            filters.out().println(entries.size() + " dead letter(s)");
            filters.out().flush();
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send dead letters back to the topic they failed from.")
    static final class ReplayCommand implements Callable<Integer> {
        @Mixin
        Filters filters;

        @Option(names = "--dry-run", description = "show what would be replayed, write nothing")
        boolean dryRun;

        @Option(names = "--again", description = "also replay what was replayed before")
        boolean again;

        @Override
        public Integer call() {
            DeadLetterStore store = filters.store();
            DeadLetterFilter filter = filters.filter();
            if (dryRun) {
                List<DeadLetterEntry> entries = store.list(filters.service, filter);
                entries.stream().filter(e -> again || !e.replayed()).forEach(e -> filters.out().printf(
                        "would replay %s-%d@%d key=%s to %s%n", e.topic(), e.partition(), e.offset(), e.key(), e.originalTopic()));
            }
            DeadLetterStore.ReplayResult result;
            boolean terminal = System.console() != null && !dryRun;
            if (terminal) {
                long total = store.list(filters.service, filter).stream().filter(e -> again || !e.replayed()).count();
                try (ProgressBar bar = new ProgressBar("replay", total)) {
                    result = store.replay(filters.service, filter, again, false, bar::stepTo);
                }
            } else {
                result = store.replay(filters.service, filter, again, dryRun, done -> { });
            }
            filters.out().println((dryRun ? "would replay " : "replayed ") + result.replayed() + ", skipped " + result.skipped());
            filters.out().flush();
            return 0;
        }
    }

}
