package dev.p21bridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic {@code order.created} bodies: the project's X-Cart and Clarity samples (copies of
 * {@code test-support/src/main/resources/samples}) with a unique order id and one of a pool of customers per order.
 *
 * <p>A body is rendered from a template by overwriting fixed-width digits, so a load generator can make thousands
 * per second without parsing or serialising JSON: order ids are 12 digits ({@value #FIRST_ORDER_ID} upwards),
 * customer numbers 6 digits.
 */
final class OrderBodies {

    static final long FIRST_ORDER_ID = 100_000_000_000L;
    private static final String ORDER_SENTINEL = "987654321987";
    private static final String CUSTOMER_SENTINEL = "135791";
    /** Where an X-Cart body says when the order was placed: written at render time, so every order is new. */
    private static final String DATE_SENTINEL = "2000-01-01T00:00:00+00:00";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);
    private static final int CUSTOMERS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One storefront's body with the digit positions to overwrite. */
    static final class Template {
        private final byte[] bytes;
        private final int[] orderDigits;
        private final int[] customerDigits;
        private final int[] dates;

        private Template(byte[] bytes) {
            if (ORDER_SENTINEL.contains(CUSTOMER_SENTINEL)) {
                throw new IllegalStateException("the customer sentinel must not lie inside the order sentinel");
            }
            this.bytes = bytes;
            this.orderDigits = positions(bytes, ORDER_SENTINEL);
            this.customerDigits = positions(bytes, CUSTOMER_SENTINEL);
            this.dates = positions(bytes, DATE_SENTINEL);
        }

        /** The body of order {@code orderId} (12 digits), bought by one of {@value #CUSTOMERS} customers. */
        byte[] render(long orderId) {
            return render(orderId, poolCustomer(orderId));
        }

        /** The body of order {@code orderId} (12 digits) bought by customer number {@code customer} (6 digits). */
        byte[] render(long orderId, long customer) {
            if (orderId < FIRST_ORDER_ID || orderId > 999_999_999_999L) {
                throw new IllegalArgumentException("order ids are 12 digits, got " + orderId);
            }
            if (customer < 100_000 || customer > 999_999) {
                throw new IllegalArgumentException("customer numbers are 6 digits, got " + customer);
            }
            byte[] body = bytes.clone();
            for (int at : orderDigits) {
                writeDigits(body, at, orderId, ORDER_SENTINEL.length());
            }
            for (int at : customerDigits) {
                writeDigits(body, at, customer, CUSTOMER_SENTINEL.length());
            }
            if (dates.length > 0) {
                byte[] now = DATE.format(Instant.now()).getBytes(StandardCharsets.US_ASCII);
                for (int at : dates) {
                    System.arraycopy(now, 0, body, at, now.length);
                }
            }
            return body;
        }

        int size() {
            return bytes.length;
        }
    }

    private OrderBodies() {
    }

    /** The customer of order {@code orderId} in the pool of {@value #CUSTOMERS} repeat buyers. */
    static long poolCustomer(long orderId) {
        return 100_000 + orderId % CUSTOMERS;
    }

    /** An X-Cart 5.5 order, padded in {@code notes} to {@code targetBytes} (the sample is about 2 KB already). */
    static Template xcart(int targetBytes) {
        ObjectNode order = sample("samples/xcart/order.created.json");
        order.put("id", Long.parseLong(ORDER_SENTINEL));
        order.put("order_number", ORDER_SENTINEL);
        order.put("email", "buyer." + CUSTOMER_SENTINEL + "@example.com");
        order.put("create_date", DATE_SENTINEL);
        order.put("update_date", DATE_SENTINEL);
        order.put("customer_id", Long.parseLong(CUSTOMER_SENTINEL));
        order.put("order_profile_id", Long.parseLong(CUSTOMER_SENTINEL));
        ((ObjectNode) order.withArray("payment_transactions").get(0)).put("transaction_id", "pi_" + ORDER_SENTINEL)
                .put("card_fingerprint", "fp_" + CUSTOMER_SENTINEL);
        // the shopper's IP and card, stable per buyer, as the storefront simulators send them: the risk scoring
        // counts per IP and card only where the payload has them
        order.put("ip_address", "ip-" + CUSTOMER_SENTINEL);
        String notes = order.path("notes").asText();
        int missing = targetBytes - serialize(order).length;
        if (missing > 0) {
            StringBuilder padded = new StringBuilder(notes);
            while (padded.length() < notes.length() + missing) {
                padded.append(" Call the receiving desk before delivery.");
            }
            order.put("notes", padded.substring(0, notes.length() + missing));
        }
        return new Template(serialize(order));
    }

    /** A Clarity order as the sample has it (about 1.9 KB). */
    static Template clarity() {
        ObjectNode order = sample("samples/clarity/order.created.json");
        order.put("orderId", "CL-" + ORDER_SENTINEL);
        order.put("referenceNo", "CL-" + ORDER_SENTINEL);
        order.put("customerId", "C-" + CUSTOMER_SENTINEL);
        ((ObjectNode) order.get("customer")).put("email", "buyer." + CUSTOMER_SENTINEL + "@example.org");
        return new Template(serialize(order));
    }

    private static ObjectNode sample(String resource) {
        try (InputStream in = OrderBodies.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the bench jar");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] serialize(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] positions(byte[] haystack, String needle) {
        byte[] pattern = needle.getBytes(StandardCharsets.US_ASCII);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i <= haystack.length - pattern.length; i++) {
            int j = 0;
            while (j < pattern.length && haystack[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                found.add(i);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void writeDigits(byte[] target, int at, long value, int width) {
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            target[at + i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
