package dev.p21bridge.transformer.risk;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.schemas.Order;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the risk history keeps of one new order: its store and the four things its velocity is counted by (e-mail,
 * card fingerprint, IP, shipping address as the look-up lists key it). One of these per order is all the scoring
 * writes to Kafka ({@link SightingsLog}); the per-key counts are rebuilt from them.
 */
record Sighting(String store, String email, String card, String ip, String address) {

    private static final byte FORMAT = 1;

    static Sighting of(Order order) {
        return new Sighting(Store.nameInKey(order.getOrderKey()), order.getCustomer().getEmail(),
                order.getPayment().getCardFingerprint(), order.getClientIp(),
                RiskScorer.addressKey(order.getShippingAddress()));
    }

    byte[] toBytes() {
        byte[][] parts = {utf8(store), utf8(email), utf8(card), utf8(ip), utf8(address)};
        int size = 1;
        for (byte[] part : parts) {
            size += Integer.BYTES + (part == null ? 0 : part.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(FORMAT);
        for (byte[] part : parts) {
            if (part == null) {
                buffer.putInt(-1);
            } else {
                buffer.putInt(part.length).put(part);
            }
        }
        return buffer.array();
    }

    /** The sighting, or null for bytes of another format (a later version's, read by this one after a downgrade). */
    static Sighting fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 1 || bytes[0] != FORMAT) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        return new Sighting(text(buffer), text(buffer), text(buffer), text(buffer), text(buffer));
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        String text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }
}
