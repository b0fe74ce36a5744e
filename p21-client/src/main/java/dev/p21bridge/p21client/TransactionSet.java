package dev.p21bridge.p21client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of P21's Transaction API ({@code POST {ui server}/api/v2/transaction}): one service ({@code Order},
 * {@code Customer}) and its transactions, each a list of data elements (a form or a list of rows) whose edits set
 * fields by name. Every value is a string, as P21 demands; {@code UseCodeValues=false} means display values.
 */
public record TransactionSet(@JsonProperty("Name") String name,
                             @JsonProperty("UseCodeValues") boolean useCodeValues,
                             @JsonProperty("Transactions") List<Transaction> transactions) {

    /** One new record of the service. */
    public static TransactionSet newRecord(String service, List<DataElement> dataElements) {
        return new TransactionSet(service, false, List.of(new Transaction("New", dataElements)));
    }

    public record Transaction(@JsonProperty("Status") String status,
                              @JsonProperty("DataElements") List<DataElement> dataElements) {
    }

    /** A window part: {@code Type} "Form" has one row, "List" has one row per item. */
    public record DataElement(@JsonProperty("Name") String name,
                              @JsonProperty("Type") String type,
                              @JsonProperty("Keys") List<String> keys,
                              @JsonProperty("Rows") List<Row> rows) {

        public static DataElement form(String name, List<Edit> edits) {
            return new DataElement(name, "Form", List.of(), List.of(new Row(edits, List.of())));
        }

        public static DataElement list(String name, List<List<Edit>> rows) {
            return new DataElement(name, "List", List.of(),
                    rows.stream().map(edits -> new Row(edits, List.of())).toList());
        }
    }

    public record Row(@JsonProperty("Edits") List<Edit> edits,
                      @JsonProperty("RelativeDateEdits") List<Edit> relativeDateEdits) {
    }

    public record Edit(@JsonProperty("Name") String name, @JsonProperty("Value") String value) {
    }
}
