package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad arguments of {@code ./bridge report reconciliation} end it before it reads anything: one line, non-zero. */
class ReportCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldRefuseAFromAfterToInOneLine() {
        int exit = run("report", "reconciliation", "--from", "2026-03-05", "--to", "2026-03-01");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "bridge report reconciliation: --from 2026-03-05 is after --to 2026-03-01 (see --help)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldRefuseADateThatIsNoDateInOneLine() {
        int exit = run("report", "reconciliation", "--from", "2026-02-30", "--to", "2026-03-01");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("--from must be a date such as 2026-03-01, not '2026-02-30'");
    }

    @Test
    void shouldRefuseAMissingOptionAndAMalformedStoreInOneLine() {
        assertThat(run("report", "reconciliation", "--to", "2026-03-01")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("--from");

        assertThat(run("report", "reconciliation", "--from", "2026-03-01", "--to", "2026-03-01", "--store", "X;Y"))
                .isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(2).last().asString().contains("--store must be a store name");
    }

    @Test
    void shouldAnswerHelp() {
        assertThat(run("report", "reconciliation", "--help")).isZero();
        assertThat(out.toString()).contains("--from", "--to", "--store", "--csv");
        assertThat(run("report", "--help")).isZero();
        assertThat(out.toString()).contains("reconciliation");
    }
}
