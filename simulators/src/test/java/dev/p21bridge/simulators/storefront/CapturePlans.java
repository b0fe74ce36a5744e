package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver.Delivery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the store captured each order, read from the webhooks in the order they arrived: one capture after
 * {@code order.created}, two, or one before it. A redelivery (same event id) is not a second capture.
 */
public final class CapturePlans {

    /** The captures of one order, each with the position of its first arrival. */
    public record Captures(int createdAt, List<Integer> arrivals, List<JsonNode> bodies) {
        public boolean fullAfter() {
            return bodies.size() == 1 && arrivals.get(0) > createdAt;
        }

        public boolean twoPartsAfter() {
            return bodies.size() == 2 && arrivals.get(0) > createdAt && arrivals.get(1) > arrivals.get(0);
        }

        public boolean fullBefore() {
            return bodies.size() == 1 && arrivals.get(0) < createdAt;
        }
    }

    private CapturePlans() {
    }

    /** By order id; {@code orderField} names the order id in both payloads ({@code order_id} or {@code orderId}). */
    public static Map<String, Captures> read(List<Delivery> deliveries, String createdIdField, String paymentOrderField) {
        Map<String, Integer> createdAt = new HashMap<>();
        Map<String, List<Integer>> arrivals = new HashMap<>();
        Map<String, List<JsonNode>> bodies = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery delivery = deliveries.get(i);
            if (delivery.event().equals("order.created")) {
                createdAt.putIfAbsent(delivery.json().path(createdIdField).asText(), i);
            } else if (delivery.event().equals("payment.captured") && seen.add(delivery.id())) {
                String order = delivery.json().path(paymentOrderField).asText();
                arrivals.computeIfAbsent(order, k -> new ArrayList<>()).add(i);
                bodies.computeIfAbsent(order, k -> new ArrayList<>()).add(delivery.json());
            }
        }
        Map<String, Captures> plans = new HashMap<>();
        createdAt.forEach((order, at) -> plans.put(order, new Captures(at,
                arrivals.getOrDefault(order, List.of()), bodies.getOrDefault(order, List.of()))));
        return plans;
    }
}
