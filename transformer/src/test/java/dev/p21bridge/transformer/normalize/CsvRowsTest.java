package dev.p21bridge.transformer.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
        Path csv = write("\uFEFFstorefront_sku,p21_item_id\r\nHX-4410,HX4410-P21\r\n");

        assertThat(SkuCrossReference.readCsv(csv)).isEqualTo(Map.of("HX-4410", "HX4410-P21"));
    }

    @Test
    void aByteOrderMarkBeforeTheFirstSkuDoesNotBecomePartOfIt() throws Exception {
        Path csv = write("\uFEFFhx-4410,HX4410-P21\n");

        assertThat(SkuCrossReference.readCsv(csv)).containsEntry("HX-4410", "HX4410-P21");
    }

    @Test
    void quotedCellsMayHoldCommasQuotesAndLineBreaks() throws Exception {
        Path csv = write("storefront_sku,p21_item_id\n\"PIPE 3/4, SCH40\",PVC-075\n\"BOLT 3/8 \"\"X\"\"\",\"BOLT,38\"\n");

        assertThat(SkuCrossReference.readCsv(csv))
                .isEqualTo(Map.of("PIPE 3/4, SCH40", "PVC-075", "BOLT 3/8 \"X\"", "BOLT,38"));
        assertThat(CsvRows.parse("\"a\nb\",c\nd,e")).extracting(CsvRows.Row::line).containsExactly(1, 3);
        assertThat(CsvRows.parse("\"a\nb\",c").get(0).cells()).isEqualTo(List.of("a\nb", "c"));
    }

    @Test
    void aQuoteThatIsNotClosedFailsWithItsLine() throws Exception {
        Path csv = write("A,B\n\"C,D\n");

        assertThatThrownBy(() -> SkuCrossReference.readCsv(csv))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("line 2: a quote is not closed");
    }

    @Test
    void aRowOfThreeCellsStillFailsWithItsLine() throws Exception {
        Path csv = write("A,B\nC,D,E\n");

        assertThatThrownBy(() -> SkuCrossReference.readCsv(csv))
                .hasMessageEndingWith("line 2: expected storefront_sku,p21_item_id");
    }

    private Path write(String text) throws Exception {
        Path csv = dir.resolve("xref.csv");
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        return csv;
    }
}
