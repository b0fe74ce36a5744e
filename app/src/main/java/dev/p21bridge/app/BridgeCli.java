package dev.p21bridge.app;

import dev.p21bridge.platform.config.ConfigException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code ./bridge} command line of a deployment (docs/contract.md, section 'Commands'). picocli gives every
 * subcommand its usage text, option parsing and exit codes, which a hand-rolled parser would have to repeat. The
 * sandbox adds {@code up} to the same command line; this jar has no simulator to start.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true, version = "p21-bridge 0.1.0",
        description = "Storefronts (X-Cart, Clarity) to Epicor Prophet 21 over Kafka.",
        subcommands = {RunCommand.class, DlqCommand.class, TraceCommand.class, ReportCommand.class, MappingCommand.class,
                BackfillCommand.class, ResyncCommand.class, OrdersCommand.class})
public final class BridgeCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its subcommands and the one-line answers to a bad setting or bad arguments; callers may
     * add commands.
     */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * As {@link #commandLine()}, with {@code environment} as the variables the commands that take
     * {@code --bootstrap-server} read instead of the process's: for a program or a test running a command against a
     * system it started itself (stores on ports of its own).
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new BridgeCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof BootstrapServerOption option) {
                    option.base = Map.copyOf(environment);
                }
                return made;
            }
        });
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof ConfigException) {
                // a missing or malformed setting: one line naming it, nothing else
                commandLine.getErr().println("bridge: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        // bad arguments: one line naming the problem (docs/contract.md, section 'Commands'), not the whole usage
        cli.setParameterExceptionHandler((exception, args) -> {
            CommandLine command = exception.getCommandLine();
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage()
                    + " (see --help)");
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
