package dev.p21bridge.ingress.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.StubP21;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poller's reads against a stub P21: keyset pages, exact decimals, failures. Tokens and paging with
 * {@code $skip} are the p21-client's, tested there.
 */
class P21ChangeReaderTest {

    private final StubP21 p21 = new StubP21();
    private final P21ChangeReader reader = new P21ChangeReader(URI.create(p21.url()), StubP21.USERNAME,
            StubP21.PASSWORD, Duration.ofSeconds(5), Clock.systemUTC());

    @AfterEach
    void stop() {
        reader.close();
        p21.close();
    }

    @Test
    void shouldReadEveryRowOnceAcrossPagesEvenWhenARowAlreadyReadChangesBetweenPages() {
        for (int i = 0; i < 120; i++) {
            p21.change("inv_mast", item(String.format("HX-%03d", i)));
        }
        List<String> read = new ArrayList<>();
        P21ChangeQuery query = P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 50);
        List<ObjectNode> page = reader.changes(query);
        page.forEach(row -> read.add(row.get("item_id").asText()));
        // HX-000 moves to the end: with $skip paging, HX-050 would slide into the page already read
        p21.change("inv_mast", item("HX-000"));
        while (page.size() == 50) {
            query = query.next(page.get(page.size() - 1));
            page = reader.changes(query);
            page.forEach(row -> read.add(row.get("item_id").asText()));
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            expected.add(String.format("HX-%03d", i));
        }
        expected.add("HX-000");
        assertThat(read).as("every item once, then the changed one again").isEqualTo(expected);
    }

    @Test
    void shouldFailWithTheStatusWhenP21AnswersAnError() {
        p21.failWith(503);

        assertThatThrownBy(() -> reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10)))
                .isInstanceOfSatisfying(P21CallException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("503");
    }

    @Test
    void shouldKeepDecimalsExactlyAsP21WroteThem() throws IOException {
        p21.change("inv_mast", item("PRICE-1").put("list_price", new BigDecimal("19.9900")));

        ObjectNode row = reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10)).get(0);

        assertThat(new String(P21ChangeReader.JSON.writeValueAsBytes(row))).contains("\"list_price\":19.9900");
    }

    private static ObjectNode item(String itemId) {
        return StubP21.JSON.createObjectNode().put("item_id", itemId).put("item_desc", "Item " + itemId)
                .put("list_price", new BigDecimal("10.0000"));
    }
}
