package dev.p21bridge.app.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.app.trace.TraceAnswer.State;
import dev.p21bridge.ingress.p21.P21ChangeReader;
import dev.p21bridge.p21client.P21Connection;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.storefront.StorefrontSinkConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What P21 and the storefront say of an order now, next to its path in the topics: P21's {@code oe_hdr} row found by
 * {@code web_reference_no} through OData, and the storefront's order resource through its API. Each is asked with a
 * short time-out and answered as {@code unreachable} with the reason when it does not answer, so a trace never waits
 * on a system that is down.
 */
public final class OrderStates implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String P21_COLUMNS = "order_no,customer_id,web_reference_no,order_date,completed,cancel_flag,"
            + "approved,date_last_modified";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A storefront's order resource: its API root, the path before the order id, and the auth header. */
    private record StorefrontApi(URI root, String path, String header, String value) {
    }

    private final P21ChangeReader p21;
    private final Map<String, StorefrontApi> storefronts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private OrderStates(P21ChangeReader p21, Map<String, StorefrontApi> storefronts) {
        this.p21 = p21;
        this.storefronts = storefronts;
    }

    /**
     * From {@code BRIDGE_P21_*} and each store's API settings: {@code BRIDGE_STORE_<NAME>_URL} and {@code _TOKEN},
     * for the default stores their platform's {@code BRIDGE_XCART_*} and {@code BRIDGE_CLARITY_*}; a store without
     * them shows as not configured.
     */
    public static OrderStates from(Environment env) {
        P21Connection connection = P21Connection.from(env);
        P21ChangeReader reader = new P21ChangeReader(connection.baseUrl(), connection.username(), connection.password(),
                TIMEOUT, Clock.systemUTC());
        Map<String, StorefrontApi> storefronts = new HashMap<>();
        env.get(StoreSettings.STORES).forEach((name, platform) -> {
            boolean isDefault = name.equals(platform.id());
            String url = env.variables().get(StoreSettings.of(StoreSettings.URL, name).name());
            String token = env.variables().get(StoreSettings.of(StoreSettings.TOKEN, name).name());
            URI root = url != null && !url.isBlank() ? URI.create(url.strip()) : !isDefault ? null
                    : env.get(platform == StorePlatform.XCART ? StorefrontSinkConfig.XCART_URL
                    : StorefrontSinkConfig.CLARITY_URL);
            String key = token != null && !token.isBlank() ? token.strip() : !isDefault ? null
                    : env.get(platform == StorePlatform.XCART ? StorefrontSinkConfig.XCART_TOKEN
                    : StorefrontSinkConfig.CLARITY_TOKEN);
            if (root != null && key != null) {
                storefronts.put(name, platform == StorePlatform.XCART
                        ? new StorefrontApi(root, "api/orders/", "X-Auth-Token", key)
                        : new StorefrontApi(root, "API-Storefront/Ordering/SalesOrder/", "Authorization",
                        "Bearer " + key));
            }
        });
        return new OrderStates(reader, Map.copyOf(storefronts));
    }

    /** P21's order header for {@code orderKey}, by {@code web_reference_no}. */
    State p21(String orderKey) {
        try {
            List<ObjectNode> rows = p21.all("oe_hdr", "web_reference_no eq " + P21ODataClient.literal(orderKey), null,
                    P21_COLUMNS, 5);
            return rows.isEmpty()
                    ? new State("P21", "not-found", null, "P21 has no order with web_reference_no " + orderKey)
                    : new State("P21", "found", rows.get(0), null);
        } catch (RuntimeException e) {
            return new State("P21", "unreachable", null, e.getMessage());
        }
    }

    /** The storefront's order, its top-level fields only (no addresses or lines). */
    State storefront(String orderKey) {
        int colon = orderKey.indexOf(':');
        String store = orderKey.substring(0, colon);
        StorefrontApi api = storefronts.get(store);
        if (api == null) {
            return new State(store, "not-configured", null, "no storefront API is configured for store " + store);
        }
        String id = URLEncoder.encode(orderKey.substring(colon + 1), StandardCharsets.UTF_8).replace("+", "%20");
        String root = api.root().toString().endsWith("/") ? api.root().toString() : api.root() + "/";
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + api.path() + id)).timeout(TIMEOUT)
                .header(api.header(), api.value()).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 404) {
                return new State(store, "not-found", null, "the storefront answered 404 for order " + id);
            }
            if (answer.statusCode() / 100 != 2) {
                return new State(store, "unreachable", null, "the storefront answered " + answer.statusCode());
            }
            return new State(store, "found", topLevel(JSON.readTree(answer.body())), null);
        } catch (IOException e) {
            return new State(store, "unreachable", null, "no answer from " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new State(store, "unreachable", null, "interrupted");
        }
    }

    /** The scalar fields of an answer (Clarity's inside its {@code Result}). */
    private static JsonNode topLevel(JsonNode answer) {
        JsonNode order = answer.has("Result") ? answer.get("Result") : answer;
        ObjectNode scalars = JSON.createObjectNode();
        order.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                scalars.set(field.getKey(), field.getValue());
            }
        });
        return scalars;
    }

    @Override
    public void close() {
        p21.close();
    }
}
