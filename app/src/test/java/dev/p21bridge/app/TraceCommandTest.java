package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./bridge trace}'s refusals, which need no Kafka: one line naming the problem and exit code 2. */
class TraceCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldRefuseAQueryThatIsNoOrderKeyEmailOrP21OrderNumber() {
        assertThat(run("trace", "not a key")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("bridge trace: QUERY 'not a key' is none of an order key")
                .doesNotContain("\n");
    }

    @Test
    void shouldRefuseAnEmailWithoutADomain() {
        assertThat(run("trace", "dana@")).isEqualTo(2);
        assertThat(err.toString()).contains("not an e-mail address");
    }

    @Test
    void shouldNameTheTokenFileItCannotRead() {
        assertThat(run("trace", "xcart:10452", "--console", "http://localhost:1", "--token-file", "/nonexistent/token"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--token-file /nonexistent/token cannot be read");
    }
}
