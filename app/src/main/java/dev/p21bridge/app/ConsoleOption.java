package dev.p21bridge.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --console URL} and {@code --token-file FILE}, which the commands that can ask a running ops console take
 * ({@code trace}, {@code resync order}): the console answers from its trace index at once, where the command alone
 * would read the topics.
 */
final class ConsoleOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--console", paramLabel = "URL", description = "ask this ops console (e.g. http://localhost:8090),"
            + " which answers from its trace index at once, instead of reading the topics here; the token is"
            + " BRIDGE_ADMIN_TOKEN or --token-file")
    URI console;

    @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the admin token (./bridge up"
            + " keeps it in <data-dir>/admin-token)")
    Path tokenFile;

    boolean given() {
        return console != null;
    }

    /** The console's URL for {@code path} (starting with '/'). */
    URI resolve(String path) {
        return URI.create(console.toString().replaceAll("/+$", "") + path);
    }

    /** The admin token from {@code --token-file}, else {@code BRIDGE_ADMIN_TOKEN}; a bad-arguments error without. */
    String token() throws IOException {
        if (tokenFile != null) {
            if (!Files.isReadable(tokenFile)) {
                throw new ParameterException(command.commandLine(), "--token-file " + tokenFile + " cannot be read");
            }
            return Files.readString(tokenFile).strip();
        }
        String token = System.getenv("BRIDGE_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            throw new ParameterException(command.commandLine(), "--console needs the admin token: set"
                    + " BRIDGE_ADMIN_TOKEN or give --token-file");
        }
        return token;
    }
}
