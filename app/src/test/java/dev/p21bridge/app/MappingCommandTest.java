package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./bridge mapping preview} and {@code apply}'s refusals, which need no Kafka: a set that does not compile or
 * does not map a sample is refused with the file, line or sample before anything is published.
 */
class MappingCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldPreviewTheCanonicalOrderTheRulesThatFiredAndTheP21Request() throws IOException {
        Path set = set("totals.total > 400 ? {\"p21\": {\"salesRepId\": \"REP-BIG\"}}");
        int exit = run("mapping", "preview", "--source", "xcart", "--set", set.toString(), sample().toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("canonical record (valid):", "\"orderKey\" : \"xcart:10452\"",
                "rules fired: [rules/10-big-orders.jsonata]", "\"Name\" : \"salesrep_id\"", "\"Value\" : \"REP-BIG\"");
    }

    @Test
    void shouldPreviewAPaymentAndSayWhenOneMovedNoMoney() throws IOException {
        Path payment = dir.resolve("payment.json");
        try (InputStream in = getClass().getResourceAsStream("/samples/clarity/payment.captured.json")) {
            Files.write(payment, in.readAllBytes());
        }
        assertThat(run("mapping", "preview", "--source", "clarity", "--event", "payment.captured", payment.toString()))
                .isZero();
        assertThat(out.toString()).contains("canonical record (valid):", "\"kind\" : \"CAPTURE\"", "PAY-77120");

        Files.writeString(payment, Files.readString(payment).replace("\"Captured\"", "\"Voided\""));
        out.getBuffer().setLength(0);
        assertThat(run("mapping", "preview", "--source", "clarity", "--event", "payment.captured", payment.toString()))
                .isZero();
        assertThat(out.toString()).contains("no record: the payment moved no money");
    }

    @Test
    void shouldRefuseASetThatDoesNotCompileWithFileAndLine() throws IOException {
        Path set = set("(\n  totals.total > ? 1\n)");
        int exit = run("mapping", "apply", set.toString(), "--bootstrap-server", "localhost:1");

        assertThat(exit).isOne();
        assertThat(err.toString()).startsWith("mapping apply: refused, nothing published: rules/10-big-orders.jsonata:2:");
    }

    @Test
    void shouldRefuseASetThatFailsTheOperatorsOwnSampleNamingIt() throws IOException {
        Path set = set("{\"totals\": {\"total\": 1}}");
        Files.createDirectories(set.resolve("samples/xcart"));
        Files.copy(sample(), set.resolve("samples/xcart/order.big.json"));
        int exit = run("mapping", "apply", set.toString(), "--bootstrap-server", "localhost:1");

        assertThat(exit).isOne();
        assertThat(err.toString()).contains("sample samples/xcart/order.big.json:",
                "totals.total, which a rule may not change", "refused, nothing published");
    }

    @Test
    void shouldRefuseAnUnknownSourceInOneLine() throws IOException {
        int exit = run("mapping", "preview", "--source", "shopify", sample().toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("source must be one of [clarity, xcart], got 'shopify'");
    }

    /** A set: the bundled X-Cart template and one rule. */
    private Path set(String rule) throws IOException {
        Path set = dir.resolve("set");
        Files.createDirectories(set.resolve("orders"));
        Files.createDirectories(set.resolve("rules"));
        Files.createDirectories(set.resolve("tables"));
        for (String file : new String[] {"orders/xcart.jsonata", "tables/xcart-shipping-status.csv",
                "tables/xcart-payment-status.csv"}) {
            try (InputStream in = getClass().getResourceAsStream("/mapping/default/" + file)) {
                Files.write(set.resolve(file), in.readAllBytes());
            }
        }
        Files.writeString(set.resolve("rules/10-big-orders.jsonata"), rule);
        return set;
    }

    private Path sample() throws IOException {
        Path file = dir.resolve("order.json");
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getResourceAsStream("/samples/xcart/order.created.json")) {
                Files.write(file, in.readAllBytes());
            }
        }
        return file;
    }
}
