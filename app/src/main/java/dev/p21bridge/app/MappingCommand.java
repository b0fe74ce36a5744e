package dev.p21bridge.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.mapping.ActiveMapping;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.transformer.mapping.MappingSetCheck;
import dev.p21bridge.transformer.mapping.MappingSetException;
import dev.p21bridge.transformer.mapping.PublishedMappings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * {@code ./bridge mapping list|apply|rollback|preview|suggest}: the operator's mapping sets (docs/mappings.md) on
 * {@code bridge.mappings}. {@code apply} checks a set before it publishes it and refuses it with file, line and
 * sample; {@code preview} changes nothing and needs no Kafka.
 */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Operator-owned mappings and rules (docs/mappings.md).",
        subcommands = {MappingCommand.ListCommand.class, MappingCommand.ApplyCommand.class,
                MappingCommand.RollbackCommand.class, MappingCommand.PreviewCommand.class, MappingSuggestCommand.class})
final class MappingCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The published versions; * marks the one in use.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BootstrapServerOption kafka;

        @Override
        public Integer call() {
            PublishedMappings.Versions versions = new PublishedMappings(
                    KafkaConfig.from(kafka.environment()), Clock.systemUTC()).read();
            PrintWriter out = spec.commandLine().getOut();
            int active = versions.active().version();
            out.printf("%s v0  bundled with the bridge%n", active == 0 ? "*" : " ");
            versions.sets().forEach((version, set) -> out.printf("%s v%d  applied %s, %d files%n",
                    version == active ? "*" : " ", version, set.appliedAt(), set.files().size()));
            out.flush();
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Check the set in DIR (compile, map the bundled and DIR/samples payloads) and publish it as the next version.")
    static final class ApplyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "the folder of the set (orders/, rules/, tables/, samples/)")
        Path folder;

        @Option(names = "--dry-run", description = "check only; publish nothing")
        boolean dryRun;

        @Mixin
        BootstrapServerOption kafka;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Environment env = kafka.environment();
            MappingSet set;
            List<MappingSetCheck.SampleResult> results;
            try {
                set = MappingSet.read(folder);
                results = MappingSetCheck.check(set, folder, TransformerConfig.from(env).p21Defaults());
            } catch (MappingSetException e) {
                err.println("mapping apply: refused, nothing published: " + e.getMessage());
                err.flush();
                return 1;
            }
            List<MappingSetCheck.SampleResult> failed = results.stream().filter(r -> !r.passed()).toList();
            for (MappingSetCheck.SampleResult result : failed) {
                err.println("mapping apply: sample " + result.sample() + ": " + result.problem());
            }
            if (!failed.isEmpty()) {
                err.println("mapping apply: refused, nothing published: " + failed.size() + " of " + results.size()
                        + " samples failed; the version in use keeps working");
                err.flush();
                return 1;
            }
            if (dryRun) {
                out.println("mapping apply: " + set.files().size() + " files, " + results.size()
                        + " samples mapped; --dry-run, nothing published");
                out.flush();
                return 0;
            }
            int version = new PublishedMappings(KafkaConfig.from(env), Clock.systemUTC()).apply(set);
            out.println("mapping apply: published version " + version + " (" + set.files().size() + " files, "
                    + results.size() + " samples mapped); the transformer uses it from its next record");
            out.flush();
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Return to the version in use before this one.")
    static final class RollbackCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BootstrapServerOption kafka;

        @Override
        public Integer call() {
            ActiveMapping back = new PublishedMappings(KafkaConfig.from(kafka.environment()),
                    Clock.systemUTC()).rollback();
            spec.commandLine().getOut().println("mapping rollback: version " + back.version() + " in use"
                    + (back.version() == 0 ? " (bundled with the bridge)" : ""));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Map FILE as the transformer would: the canonical record, the rules that fired, the P21 request.")
    static final class PreviewCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--source", required = true, description = "xcart or clarity")
        String source;

        @Option(names = "--event", defaultValue = "order.created",
                description = "order.created (default), order.updated, customer.created, customer.updated,"
                        + " payment.captured or return.created")
        String event;

        @Option(names = "--set", paramLabel = "DIR", description = "the set in DIR (over the bundled one) instead of the bundled one")
        Path folder;

        @Parameters(index = "0", paramLabel = "FILE", description = "a payload as the store sends it")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "FILE " + file + " is not a readable file");
            }
            PrintWriter out = spec.commandLine().getOut();
            MappingPreview.Result result;
            try {
                MappingSet set = folder == null ? MappingSet.bundled() : MappingSet.read(folder);
                result = new MappingPreview(new Environment(System.getenv())).preview(set, source, event, Files.readAllBytes(file));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (MappingSetException e) {
                out.println("not valid: the set: " + e.getMessage());
                out.flush();
                return 1;
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (!result.valid()) {
                out.println("not valid: " + result.problem());
                out.flush();
                return 1;
            }
            if (result.record() == null) {
                out.println(result.problem());
            } else {
                out.println("canonical record (valid):");
                out.println(json.writeValueAsString(result.record()));
            }
            if (event.startsWith("order.")) {
                out.println("rules fired: " + (result.rulesFired().isEmpty() ? "none" : result.rulesFired()));
                out.println("P21 request (customer resolved when written):");
                out.println(json.writeValueAsString(result.p21Request()));
            }
            out.flush();
            return 0;
        }
    }
}
