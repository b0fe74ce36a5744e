package dev.p21bridge.transformer.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV text as RFC 4180 reads them: cells separated by commas, a cell in double quotes may hold commas,
 * line breaks and doubled quotes ({@code "a ""b"", c"} is {@code a "b", c}), rows end at CRLF or LF. A UTF-8 byte
 * order mark at the start is dropped: spreadsheet tools write one, and it made the first SKU of the file a different
 * SKU that never matched.
 */
public final class CsvRows {

    private static final char BOM = '\uFEFF';

    /** One row and the line on which it starts, for error messages. */
    public record Row(int line, List<String> cells) {
    }

    private CsvRows() {
    }

    /** @throws IllegalArgumentException naming the line of a quote that is not closed or text after a closing quote */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                rows.add(new Row(rowLine, List.copyOf(cells)));
                cells.clear();
                cell.setLength(0);
                afterQuote = false;
                line++;
                rowLine = line;
            } else if (c == '"' && cell.toString().isBlank() && !afterQuote) {
                cell.setLength(0);
                quoted = true;
            } else if (afterQuote && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("line " + line + ": text after a closing quote");
            } else if (!afterQuote) {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + rowLine + ": a quote is not closed");
        }
        if (!cells.isEmpty() || cell.length() > 0) {
            cells.add(cell.toString());
            rows.add(new Row(rowLine, List.copyOf(cells)));
        }
        return rows;
    }
}
