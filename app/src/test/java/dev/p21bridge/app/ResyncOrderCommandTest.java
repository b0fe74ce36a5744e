package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./bridge resync order}'s refusals, which need no Kafka: one line naming the problem and exit code 2. */
class ResyncOrderCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldRefuseAKeyWithoutStoreAndOrderIdInOneLine() {
        assertThat(run("resync", "order", "10452")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("bridge resync order: ORDER_KEY '10452' is not an order key:"
                + " it has no ':'").doesNotContain("\n");
    }

    @Test
    void shouldRefuseAKeyWithSpacesOrASlash() {
        assertThat(run("resync", "order", "xcart:10/452")).isEqualTo(2);
        assertThat(err.toString()).contains("is not an order key <store>:<order id>");
    }

    @Test
    void shouldRefuseAMissingKey() {
        assertThat(run("resync", "order")).isEqualTo(2);
        assertThat(err.toString()).contains("ORDER_KEY");
    }

    @Test
    void shouldAskWhatToResyncWithoutASubcommand() {
        assertThat(run("resync")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("bridge resync: name what to re-sync: stock [--store S] [--sku A,B] or order <order key>"
                + " (see --help)");
    }

    @Test
    void shouldNameTheTokenFileItCannotRead() {
        assertThat(run("resync", "order", "xcart:10452", "--console", "http://localhost:1", "--token-file",
                "/nonexistent/token")).isEqualTo(2);
        assertThat(err.toString()).contains("--token-file /nonexistent/token cannot be read");
    }
}
