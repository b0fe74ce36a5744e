package dev.p21bridge.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge resync ...}: re-sends current state from the log without disturbing live sync (docs/contract.md,
 * section 'Commands'); each subcommand on its own slower lane.
 */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = "Re-sends the current state from the log, without disturbing live sync.",
        subcommands = {ResyncOrderCommand.class})
final class ResyncCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to re-sync: order <order key>");
    }
}
