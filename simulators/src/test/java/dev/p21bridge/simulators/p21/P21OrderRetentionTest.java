package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21JournalTest.createOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator that keeps at most N orders forgets the oldest with everything that hangs on them, in memory and on
 * disk, so a long run holds a bounded state.
 */
class P21OrderRetentionTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldForgetTheOldestOrdersWithTheirTicketsAndInvoicesOnceMoreThanTheKeptNumberArrive() throws IOException {
        try (P21Store store = new P21Store(dataDir, P21Store.COMPACT_AT_BYTES, 3)) {
            String first = createOrder(store, "xcart:1", "100100", 1);
            new P21Warehouse(store).ship(first, "UPS", "1Z1");
            store.write((state, at) -> P21Receivables.invoice(state, first, at));
            for (int n = 2; n <= 4; n++) {
                createOrder(store, "xcart:" + n, "100100", 1);
            }
            String last = createOrder(store, "xcart:5", "100100", 2);
            new P21Warehouse(store).ship(last, "UPS", "1Z5");
            store.write((state, at) -> P21Receivables.invoice(state, last, at));

            assertThat(webReferences(store)).containsExactly("xcart:3", "xcart:4", "xcart:5");
            assertThat(store.<List<P21Order>>read(s -> s.ordersByWebReference("xcart:1"))).isEmpty();
            assertThat(store.<List<String>>read(s -> s.pickTickets().stream().map(P21PickTicket::orderNo).toList()))
                    .containsExactly(last);
            assertThat(store.<List<String>>read(s -> s.invoices().stream().map(P21Invoice::orderNo).toList()))
                    .containsExactly(last);
            assertThat(store.<Optional<P21Invoice>>read(s -> s.invoiceOfOrder(first))).isEmpty();
            store.flush();
        }

        try (P21Store reopened = new P21Store(dataDir, P21Store.COMPACT_AT_BYTES, 3)) {
            assertThat(webReferences(reopened)).containsExactly("xcart:3", "xcart:4", "xcart:5");
            String next = createOrder(reopened, "xcart:6", "100100", 1);
            assertThat(webReferences(reopened)).containsExactly("xcart:4", "xcart:5", "xcart:6");
            assertThat(reopened.<Optional<P21Order>>read(s -> s.order(next))).isPresent();
            reopened.flush();
        }

        try (P21Store smaller = new P21Store(dataDir, P21Store.COMPACT_AT_BYTES, 2)) {
            assertThat(webReferences(smaller)).containsExactly("xcart:5", "xcart:6");
        }
    }

    @Test
    void shouldKeepTheKeptNumberAfterAReset() {
        try (P21Store store = new P21Store(null, P21Store.COMPACT_AT_BYTES, 2)) {
            store.reset();
            for (int n = 1; n <= 4; n++) {
                createOrder(store, "clarity:" + n, "100100", 1);
            }
            assertThat(webReferences(store)).containsExactly("clarity:3", "clarity:4");
        }
    }

    @Test
    void shouldRefuseToKeepFewerThanOneOrder() {
        assertThatThrownBy(() -> P21SimulatorConfig.defaults().withOrdersKept(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordersKept must be at least 1");
    }

    private static List<String> webReferences(P21Store store) {
        return store.read(s -> s.orders().stream().map(P21Order::webReferenceNo).toList());
    }
}
