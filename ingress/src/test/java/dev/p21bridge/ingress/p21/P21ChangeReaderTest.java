package dev.p21bridge.ingress.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OData reader against a stub P21: tokens, keyset pages, failures. */
class P21ChangeReaderTest {

    private final StubP21 p21 = new StubP21();
    private final MutableClock clock = new MutableClock();
    private final P21ChangeReader reader = new P21ChangeReader(URI.create(p21.url()), StubP21.USERNAME,
            StubP21.PASSWORD, Duration.ofSeconds(5), clock);

    @AfterEach
    void stop() {
        p21.close();
    }

    @Test
    void shouldFetchOneTokenForManyCalls() throws IOException {
        for (int i = 0; i < 5; i++) {
            reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10));
        }

        assertThat(p21.tokensIssued()).isEqualTo(1);
    }

    @Test
    void shouldFetchANewTokenWhenP21RefusesTheOldOneAndStillAnswer() throws IOException {
        Instant changed = p21.change("inv_mast", item("HX-1"));
        reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10));
        p21.revokeTokens();

        List<ObjectNode> rows = reader.changes(P21ChangeQuery.first(P21Table.ITEMS, changed, 10));

        assertThat(rows).hasSize(1);
        assertThat(p21.tokensIssued()).isEqualTo(2);
    }

    @Test
    void shouldRenewTheTokenBeforeItExpires() throws IOException {
        p21.tokenLifetimeSeconds(600);
        reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10));
        clock.advance(Duration.ofSeconds(539));
        reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10));
        assertThat(p21.tokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10));

        assertThat(p21.tokensIssued()).isEqualTo(2);
    }

    @Test
    void shouldReadEveryRowOnceAcrossPagesEvenWhenARowAlreadyReadChangesBetweenPages() throws IOException {
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
    void shouldReadAllPagesOfASmallSetWithSkip() throws IOException {
        for (int i = 0; i < 7; i++) {
            p21.change("inv_mast", item("SET-" + i));
        }

        List<ObjectNode> rows = reader.all("inv_mast", "item_id ge 'SET-'", "item_id asc", null, 3);

        assertThat(rows).extracting(row -> row.get("item_id").asText())
                .containsExactly("SET-0", "SET-1", "SET-2", "SET-3", "SET-4", "SET-5", "SET-6");
    }

    @Test
    void shouldFailWithTheStatusWhenP21AnswersAnError() {
        p21.failWith(503);

        assertThatThrownBy(() -> reader.changes(P21ChangeQuery.first(P21Table.ITEMS, Instant.EPOCH, 10)))
                .isInstanceOf(IOException.class).hasMessageContaining("503");
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

    /** A clock the test moves by hand, so token expiry is tested without waiting. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T17:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
