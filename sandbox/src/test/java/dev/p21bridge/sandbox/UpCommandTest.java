package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.app.BridgeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpCommandTest {

    @Test
    void shouldRefuseAListenAddressThatIsNoAddressNamingIt() {
        StringWriter err = new StringWriter();
        CommandLine cli = BridgeCli.commandLine().addSubcommand("up", new UpCommand());
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("up", "--listen", "no-such-host.invalid");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--listen", "'no-such-host.invalid' is no address of this machine");
    }

    @Test
    void shouldListenOnLoopbackUnlessTold() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs();

        assertThat(up.listen.isLoopback()).isTrue();
    }
}
