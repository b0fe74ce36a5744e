package dev.p21bridge.ingress.poll;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * X-Cart 5.5's {@code GET /api/orders}, sorted by {@code order[lastRenewDate]=desc}, {@code itemsPerPage=100}: its
 * API Platform answers a JSON array of order resources, each with {@code id}, {@code create_date} and
 * {@code update_date} (its {@code lastRenewDate}).
 */
final class XCartOrderList implements StoreOrderList {

    private final URI base;
    private final String token;
    private final StoreHttp http;

    XCartOrderList(URI base, String token, StoreHttp http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    @Override
    public List<ListedOrder> page(int page) throws IOException, InterruptedException {
        return read(StoreHttp.under(base, "/api/orders?order%5BlastRenewDate%5D=desc&itemsPerPage=" + PAGE_SIZE
                + "&page=" + page));
    }

    /** {@code order[date]=asc} and {@code date[after]} (inclusive), the creation-date filter X-Cart 5.5 has. */
    @Override
    public List<ListedOrder> createdSince(Instant from, int page) throws IOException, InterruptedException {
        return read(StoreHttp.under(base, "/api/orders?order%5Bdate%5D=asc&date%5Bafter%5D=" + StoreHttp.query(from)
                + "&itemsPerPage=" + PAGE_SIZE + "&page=" + page));
    }

    private List<ListedOrder> read(URI uri) throws IOException, InterruptedException {
        JsonNode answer = http.get(uri, "X-Auth-Token", token);
        if (!answer.isArray()) {
            throw new IOException("X-Cart's order list is not a JSON array");
        }
        List<ListedOrder> orders = new ArrayList<>(answer.size());
        for (JsonNode order : answer) {
            String id = order.path("id").asText("");
            if (id.isBlank()) {
                throw new IOException("an order of X-Cart's list has no id");
            }
            orders.add(new ListedOrder(id, StoreHttp.time(order, "create_date"), StoreHttp.time(order, "update_date"),
                    StoreHttp.bytes(order)));
        }
        return orders;
    }
}
