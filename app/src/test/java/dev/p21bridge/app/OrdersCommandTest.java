package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./bridge orders}' refusals that need no Kafka: one line naming the problem and exit code 2. */
class OrdersCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldRefuseAnOrderKeyThatIsNotStoreColonOrderIdBeforeAskingKafka() {
        assertThat(run("orders", "approve", "10452")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("bridge orders approve: order key '10452' must be"
                + " <store>:<order id>, e.g. xcart:10452 (see --help)");
        assertThat(run("orders", "reject", "xcart:")).isEqualTo(2);
    }

    @Test
    void shouldRefuseADecisionWithoutAKey() {
        assertThat(run("orders", "reject")).isEqualTo(2);
        assertThat(err.toString()).contains("KEY");
    }
}
