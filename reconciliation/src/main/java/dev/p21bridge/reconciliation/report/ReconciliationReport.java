package dev.p21bridge.reconciliation.report;

import dev.p21bridge.schemas.OrderReconciliation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The orders of a {@link ReportQuery} out of the latest reconciliation of every order, with totals per day, per store
 * and overall; what {@code ./bridge report reconciliation}, the console page and {@code /api/reconciliation} show.
 *
 * @param orders  in range, by order date, then order key
 * @param undated orders of the store(s) asked for with no order date (no canonical order seen), in no range
 */
public record ReconciliationReport(ReportQuery query, List<OrderReconciliation> orders,
                                   SortedMap<LocalDate, Totals> perDay, SortedMap<String, Totals> perStore,
                                   Totals total, int undated) {

    /** @throws IllegalArgumentException naming a store of which the topic holds no order at all */
    public static ReconciliationReport of(Collection<OrderReconciliation> latest, ReportQuery query) {
        SortedSet<String> stores = new TreeSet<>();
        latest.forEach(order -> stores.add(order.getStore()));
        if (query.store() != null && !stores.contains(query.store())) {
            throw new IllegalArgumentException("unknown store '" + query.store() + "': canonical.reconciliation has"
                    + (stores.isEmpty() ? " no orders yet" : " orders of " + String.join(", ", stores) + " only"));
        }
        List<OrderReconciliation> orders = new ArrayList<>();
        int undated = 0;
        for (OrderReconciliation order : latest) {
            if (order.getOrderDate() == null) {
                undated += query.store() == null || query.store().equals(order.getStore()) ? 1 : 0;
            } else if (query.covers(day(order), order.getStore())) {
                orders.add(order);
            }
        }
        orders.sort(Comparator.comparing(OrderReconciliation::getOrderDate).thenComparing(OrderReconciliation::getOrderKey));
        SortedMap<LocalDate, Totals> perDay = new TreeMap<>();
        SortedMap<String, Totals> perStore = new TreeMap<>();
        Totals total = Totals.NONE;
        for (OrderReconciliation order : orders) {
            perDay.merge(day(order), Totals.NONE.plus(order), (a, b) -> a.plus(order));
            perStore.merge(order.getStore(), Totals.NONE.plus(order), (a, b) -> a.plus(order));
            total = total.plus(order);
        }
        return new ReconciliationReport(query, List.copyOf(orders), perDay, perStore, total, undated);
    }

    /** The order's UTC day. */
    public static LocalDate day(OrderReconciliation order) {
        return LocalDate.ofInstant(order.getOrderDate(), ZoneOffset.UTC);
    }

    public List<OrderReconciliation> withDifferences() {
        return orders.stream().filter(order -> !order.getDifferences().isEmpty()).toList();
    }

    /** {@code orders N, balanced M, with differences K}: the line a report ends with. */
    public String summary() {
        return "orders " + total.orders() + ", balanced " + total.balanced() + ", with differences "
                + total.withDifferences();
    }
}
