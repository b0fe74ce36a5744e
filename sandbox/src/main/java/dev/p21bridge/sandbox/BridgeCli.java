package dev.p21bridge.sandbox;

import dev.p21bridge.platform.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./bridge} command line (docs/contract.md, section 'Commands'). picocli gives every subcommand its usage
 * text, option parsing and exit codes, which a hand-rolled parser would have to repeat.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true, version = "p21-bridge 0.1.0",
        description = "Storefronts (X-Cart, Clarity) to Epicor Prophet 21 over Kafka.",
        subcommands = {UpCommand.class, RunCommand.class, DlqCommand.class})
public final class BridgeCli implements Runnable {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BridgeCli());
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof ConfigException) {
                // a missing or malformed setting: one line naming it, nothing else
                commandLine.getErr().println("bridge: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
