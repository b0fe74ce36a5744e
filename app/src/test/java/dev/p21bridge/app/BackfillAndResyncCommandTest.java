package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./bridge backfill orders} and {@code ./bridge resync stock} refuse bad arguments before they touch Kafka or
 * a store: one line naming the problem, exit code 2.
 */
class BackfillAndResyncCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String error() {
        String text = err.toString().strip();
        assertThat(text).doesNotContain("\n");
        return text;
    }

    @Test
    void shouldRefuseAStoreThatIsNotConfiguredNamingTheStores() {
        assertThat(run("backfill", "orders", "--store", "xcart-ca", "--since", "2026-11-01",
                "--bootstrap-server", "localhost:1")).isEqualTo(2);
        assertThat(error()).isEqualTo("bridge backfill orders: unknown store 'xcart-ca'; the stores (BRIDGE_STORES)"
                + " are xcart, clarity (see --help)");
    }

    @Test
    void shouldRefuseASinceThatIsNoDate() {
        assertThat(run("backfill", "orders", "--store", "xcart", "--since", "last tuesday")).isEqualTo(2);
        assertThat(error()).contains("--since must be an ISO-8601 time such as 2026-11-01T00:00:00Z or a date"
                + " such as 2026-11-01, got 'last tuesday'");
    }

    @Test
    void shouldRefuseASinceInTheFuture() {
        String tomorrow = Instant.now().plusSeconds(86_400).toString();
        assertThat(run("backfill", "orders", "--store", "xcart", "--since", tomorrow)).isEqualTo(2);
        assertThat(error()).contains("--since " + tomorrow + " is in the future");
    }

    @Test
    void shouldRefuseARateOfNothing() {
        assertThat(run("backfill", "orders", "--store", "xcart", "--since", "2026-11-01", "--rate", "0"))
                .isEqualTo(2);
        assertThat(error()).contains("--rate must be more than 0 orders a second, got 0.0");
    }

    @Test
    void shouldRefuseABackfillWithoutStoreOrSince() {
        assertThat(run("backfill", "orders", "--since", "2026-11-01")).isEqualTo(2);
        assertThat(error()).contains("Missing required option: '--store=STORE'");
    }

    @Test
    void shouldRefuseAResyncOfAnUnknownStore() {
        assertThat(run("resync", "stock", "--store", "shopify", "--bootstrap-server", "localhost:1")).isEqualTo(2);
        assertThat(error()).isEqualTo("bridge resync stock: unknown store 'shopify'; the stores (BRIDGE_STORES) are"
                + " xcart, clarity (see --help)");
    }

    @Test
    void shouldRefuseAnEmptySku() {
        assertThat(run("resync", "stock", "--sku", "HX-1,,HX-2")).isEqualTo(2);
        assertThat(error()).contains("--sku names an empty SKU");
    }

    @Test
    void shouldAnswerHelpForBoth() {
        assertThat(run("backfill", "orders", "--help")).isZero();
        assertThat(run("resync", "stock", "--help")).isZero();
        assertThat(out.toString()).contains("--since", "--rate", "--restart", "--sku");
    }
}
