package dev.p21bridge.transformer.risk;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the risk history keeps of one new order: its store, the four things its velocity is counted by (e-mail,
 * card fingerprint, IP, shipping address as the look-up lists key it), its total and its lines' quantities. One of
 * these per order is all the scoring writes to Kafka ({@link SightingsLog}); every count it compares an order with is
 * rebuilt from them.
 */
record Sighting(String store, String email, String card, String ip, String address, BigDecimal total,
                List<Line> lines) {

    /** One order line: its SKU and how many units (a count, not money, so a double is exact enough). */
    record Line(String sku, double quantity) {
    }

    private static final byte FORMAT = 1;

    static Sighting of(Order order) {
        List<Line> lines = new ArrayList<>(order.getLines().size());
        for (OrderLine line : order.getLines()) {
            lines.add(new Line(line.getSku(), line.getQuantity().doubleValue()));
        }
        return new Sighting(Store.nameInKey(order.getOrderKey()), order.getCustomer().getEmail(),
                order.getPayment().getCardFingerprint(), order.getClientIp(),
                RiskScorer.addressKey(order.getShippingAddress()), order.getTotals().getTotal(), lines);
    }

    byte[] toBytes() {
        List<byte[]> parts = new ArrayList<>(6 + lines.size());
        for (String text : new String[] {store, email, card, ip, address, total.toPlainString()}) {
            parts.add(utf8(text));
        }
        for (Line line : lines) {
            parts.add(utf8(line.sku()));
        }
        int size = 1 + Integer.BYTES + lines.size() * Double.BYTES;
        for (byte[] part : parts) {
            size += Integer.BYTES + (part == null ? 0 : part.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(FORMAT);
        for (int i = 0; i < 6; i++) {
            put(buffer, parts.get(i));
        }
        buffer.putInt(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            put(buffer, parts.get(6 + i));
            buffer.putDouble(lines.get(i).quantity());
        }
        return buffer.array();
    }

    /**
     * The sighting, or null for bytes of another format (a later version's, read by this one after a downgrade) or
     * cut short.
     */
    static Sighting fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 1 || bytes[0] != FORMAT) {
            return null;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            String store = text(buffer);
            String email = text(buffer);
            String card = text(buffer);
            String ip = text(buffer);
            String address = text(buffer);
            BigDecimal total = new BigDecimal(text(buffer));
            int count = buffer.getInt();
            List<Line> lines = new ArrayList<>(Math.min(count, 1_000));
            for (int i = 0; i < count; i++) {
                lines.add(new Line(text(buffer), buffer.getDouble()));
            }
            return new Sighting(store, email, card, ip, address, total, lines);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void put(ByteBuffer buffer, byte[] part) {
        if (part == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(part.length).put(part);
        }
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
