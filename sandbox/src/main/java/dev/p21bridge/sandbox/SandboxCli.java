package dev.p21bridge.sandbox;

import dev.p21bridge.app.BridgeCli;

/**
 * The {@code ./bridge} command line of the sandbox jar: the deployment's commands plus {@code up}, which needs the
 * embedded broker and the simulators that the deployment jar leaves out.
 */
public final class SandboxCli {

    private SandboxCli() {
    }

    public static void main(String[] args) {
        System.exit(BridgeCli.commandLine().addSubcommand("up", new UpCommand()).execute(args));
    }
}
