package dev.p21bridge.ingress.poll;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Clarity's sales-order list, {@code GET /API-Storefront/Ordering/SalesOrders} with {@code Sorts=UpdatedDate:desc}
 * and {@code Paging.Size=100} (the route and its parameters are assumed, docs/order-polling.md): the
 * {@code CEFActionResponse} envelope with {@code Result.Results}, each order with {@code orderId},
 * {@code orderDate} and {@code updatedDate}.
 */
final class ClarityOrderList implements StoreOrderList {

    private final URI base;
    private final String token;
    private final StoreHttp http;

    ClarityOrderList(URI base, String token, StoreHttp http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    @Override
    public List<ListedOrder> page(int page) throws IOException, InterruptedException {
        return read(StoreHttp.under(base, "/API-Storefront/Ordering/SalesOrders?Sorts=UpdatedDate:desc&Paging.Size="
                + PAGE_SIZE + "&Paging.StartIndex=" + page));
    }

    /** {@code Sorts=CreatedDate:asc} and {@code MinDate} (inclusive) on the creation date (assumed, as the list is). */
    @Override
    public List<ListedOrder> createdSince(Instant from, int page) throws IOException, InterruptedException {
        return read(StoreHttp.under(base, "/API-Storefront/Ordering/SalesOrders?Sorts=CreatedDate:asc&MinDate="
                + StoreHttp.query(from) + "&Paging.Size=" + PAGE_SIZE + "&Paging.StartIndex=" + page));
    }

    private List<ListedOrder> read(URI uri) throws IOException, InterruptedException {
        JsonNode answer = http.get(uri, "Authorization", "Bearer " + token);
        JsonNode results = answer.path("Result").path("Results");
        if (!answer.path("ActionSucceeded").asBoolean(false) || !results.isArray()) {
            throw new IOException("Clarity's order list did not succeed");
        }
        List<ListedOrder> orders = new ArrayList<>(results.size());
        for (JsonNode order : results) {
            String id = order.path("orderId").asText("");
            if (id.isBlank()) {
                throw new IOException("an order of Clarity's list has no orderId");
            }
            orders.add(new ListedOrder(id, StoreHttp.time(order, "orderDate"), StoreHttp.time(order, "updatedDate"),
                    StoreHttp.bytes(order)));
        }
        return orders;
    }
}
