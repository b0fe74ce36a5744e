package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./bridge mapping suggest}: a draft from a sample file, as text or JSON; a file it cannot use, or a source
 * name the bridge cannot key orders by, ends it with one line naming the problem and exit code 2.
 */
class MappingSuggestCommandTest {

    private static final String ORDER = """
            {"id": 5120, "date_created_gmt": "2026-11-20T14:03:11", "currency": "USD",
             "billing": {"email": "buyer@example.com", "first_name": "Ana", "last_name": "Ruiz",
                         "address_1": "1 Main St", "city": "Austin", "postcode": "78703", "country": "US"},
             "total_tax": "1.65", "shipping_total": "5.00", "total": "26.65",
             "line_items": [{"id": 1, "sku": "HX-4410", "quantity": 2, "price": "10.00", "subtotal": "20.00"}]}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new MappingSuggestCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldPrintTheTemplateThenEachFieldWithItsConfidenceAndEvidence() throws IOException {
        Path sample = write("order.json", ORDER);

        int exit = run("--source", "acme-shop", sample.toString());

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .contains("/* Draft mapping for source 'acme-shop'")
                .contains("\"lines\": line_items[].{")
                .contains("\"email\": $email(billing.email)")
                .containsPattern("(?m)^target +source +conf +evidence$")
                .containsPattern("(?m)^orderId +id +0\\.95  name 'id' ~ 'id'; shape integer id$")
                .containsPattern("(?m)^payment\\.poNumber +- +0\\.00  no candidate$")
                .contains("review every one before applying the template");
    }

    @Test
    void shouldPrintTheSuggestionAsJsonForScripts() throws IOException {
        Path sample = write("order.json", ORDER);

        assertThat(run("--source", "acme-shop", "--json", sample.toString())).isZero();

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("source").asText()).isEqualTo("acme-shop");
        assertThat(json.path("template").asText()).contains("\"orderId\": $string(id)");
        JsonNode first = json.path("fields").get(0);
        assertThat(first.path("target").asText()).isEqualTo("orderId");
        assertThat(first.path("sourcePath").asText()).isEqualTo("id");
        assertThat(first.path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.path("evidence").isArray()).isTrue();
    }

    @Test
    void shouldNameAMissingFileInOneLine() {
        Path missing = dir.resolve("nowhere.json");

        assertThat(run("--source", "acme", missing.toString())).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly("suggest: " + missing + ": no such file");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldNameAFileThatIsNoJsonInOneLine() throws IOException {
        Path sample = write("order.txt", "id=5120\ntotal=26.65\n");

        assertThat(run("--source", "acme", sample.toString())).isEqualTo(2);

        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("suggest: " + sample + ": not JSON: ").contains("line 1");
    }

    @Test
    void shouldNameAPayloadThatIsNoOrderInOneLine() throws IOException {
        Path array = write("orders.json", "[" + ORDER + "]");
        Path noLines = write("customer.json", "{\"id\": 771, \"email\": \"buyer@example.com\"}");

        assertThat(run("--source", "acme", array.toString())).isEqualTo(2);
        assertThat(run("--source", "acme", noLines.toString())).isEqualTo(2);
        assertThat(run("--source", "acme", dir.toString())).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "suggest: " + array + ": the payload is a JSON array, not an order object: a mapping is drafted from"
                        + " one order as a JSON object",
                "suggest: " + noLines + ": no array of order lines: the payload has no array of objects",
                "suggest: " + dir + ": is a directory, not a file");
    }

    @Test
    void shouldRefuseASourceNameTheBridgeCannotKeyOrdersBy() throws IOException {
        Path sample = write("order.json", ORDER);

        assertThat(run("--source", "Acme Shop", sample.toString())).isEqualTo(2);

        assertThat(err.toString().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).isEqualTo(
                "--source must be lower-case letters, digits and single hyphens, such as acme-shop, at most 40"
                        + " characters; not 'Acme Shop'"));
        assertThat(out.toString()).isEmpty();
        assertThat(run(sample.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--source=NAME'");
    }

    @Test
    void shouldAnswerHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--source=NAME", "--json", "FILE");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
