package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Source;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The binary layout of each inventory record, for {@link BinarySerde}. Fields are written in declaration order;
 * a decimal is its scale and its unscaled two's-complement bytes (exact, as in Avro), a string its UTF-8 length and
 * bytes, an enum its name (not its ordinal, which a new symbol in the Avro schema may shift). A field that may be
 * null is preceded by a presence byte ({@link #storeName} for how a store's sales are named). Changing a layout means a new {@link BinarySerde#VERSION} and a reader for
 * the old one.
 */
public final class InventoryStateFormat {

    public static final BinarySerde<ItemStock> ITEM_STOCK = new BinarySerde<>(ItemStock.class, new BinarySerde.Codec<>() {
        @Override
        public void write(DataOutputStream out, ItemStock stock) throws IOException {
            writeString(out, stock.itemId());
            out.writeInt(stock.locations().size());
            for (Map.Entry<String, ItemStock.LocationStock> location : stock.locations().entrySet()) {
                writeString(out, location.getKey());
                writeDecimal(out, location.getValue().onHand());
                writeDecimal(out, location.getValue().allocated());
                out.writeLong(location.getValue().modifiedAt());
            }
            out.writeLong(stock.lastChangedAt());
            out.writeInt(stock.storefrontSales().size());
            for (Map.Entry<String, BigDecimal> sales : stock.storefrontSales().entrySet()) {
                writeString(out, sales.getKey());
                writeDecimal(out, sales.getValue());
            }
        }

        @Override
        public ItemStock read(DataInputStream in) throws IOException {
            String itemId = readString(in);
            int locationCount = readCount(in);
            Map<String, ItemStock.LocationStock> locations = new HashMap<>();
            for (int i = 0; i < locationCount; i++) {
                locations.put(readString(in),
                        new ItemStock.LocationStock(readDecimal(in), readDecimal(in), in.readLong()));
            }
            long lastChangedAt = in.readLong();
            int salesCount = readCount(in);
            Map<String, BigDecimal> sales = new HashMap<>();
            for (int i = 0; i < salesCount; i++) {
                sales.put(storeName(readString(in)), readDecimal(in));
            }
            return new ItemStock(itemId, locations, lastChangedAt, sales);
        }
    });

    public static final BinarySerde<ItemReservations.Reservation> RESERVATION = new BinarySerde<>(
            ItemReservations.Reservation.class, new BinarySerde.Codec<>() {
        @Override
        public void write(DataOutputStream out, ItemReservations.Reservation reservation) throws IOException {
            writeDecimal(out, reservation.quantity());
            out.writeLong(reservation.reservedAt());
            writeNullableLong(out, reservation.confirmedAt());
            writeString(out, reservation.source().name());
            writeNullableString(out, reservation.eventId());
        }

        @Override
        public ItemReservations.Reservation read(DataInputStream in) throws IOException {
            return new ItemReservations.Reservation(readDecimal(in), in.readLong(), readNullableLong(in),
                    Source.valueOf(readString(in)), readNullableString(in));
        }
    });

    public static final BinarySerde<ReservationTotals> RESERVATION_TOTALS = new BinarySerde<>(ReservationTotals.class,
            new BinarySerde.Codec<>() {
        @Override
        public void write(DataOutputStream out, ReservationTotals totals) throws IOException {
            out.writeInt(totals.count());
            writeDecimal(out, totals.reserved());
            out.writeLong(totals.oldestReservedAt());
            out.writeBoolean(totals.confirmedIndexed());
        }

        @Override
        public ReservationTotals read(DataInputStream in) throws IOException {
            return new ReservationTotals(in.readInt(), readDecimal(in), in.readLong(), in.readBoolean());
        }
    });

    public static final BinarySerde<OrderLines> ORDER_LINES = new BinarySerde<>(OrderLines.class,
            new BinarySerde.Codec<>() {
        @Override
        public void write(DataOutputStream out, OrderLines lines) throws IOException {
            out.writeInt(lines.items().size());
            for (Map.Entry<String, BigDecimal> item : lines.items().entrySet()) {
                writeString(out, item.getKey());
                writeDecimal(out, item.getValue());
            }
            out.writeLong(lines.orderTime());
            writeNullableLong(out, lines.confirmedFrom());
        }

        @Override
        public OrderLines read(DataInputStream in) throws IOException {
            int count = readCount(in);
            Map<String, BigDecimal> items = new HashMap<>();
            for (int i = 0; i < count; i++) {
                items.put(readString(in), readDecimal(in));
            }
            return new OrderLines(items, in.readLong(), readNullableLong(in));
        }
    });

    /** Exactly one of the three parts is present; the first byte says which. */
    public static final BinarySerde<InventoryInput> INVENTORY_INPUT = new BinarySerde<>(InventoryInput.class,
            new BinarySerde.Codec<>() {
        private static final byte READING = 1;
        private static final byte RESERVE = 2;
        private static final byte CONFIRM = 3;

        @Override
        public void write(DataOutputStream out, InventoryInput input) throws IOException {
            if (input.reading() != null) {
                StockReading reading = input.reading();
                out.writeByte(READING);
                writeString(out, reading.itemId());
                writeString(out, reading.locationId());
                writeDecimal(out, reading.onHand());
                writeDecimal(out, reading.allocated());
                out.writeLong(reading.modifiedAt());
                writeNullableString(out, reading.eventId());
                out.writeLong(reading.eventTime());
            } else if (input.reserve() != null) {
                InventoryInput.Reserve reserve = input.reserve();
                out.writeByte(RESERVE);
                writeString(out, reserve.orderKey());
                writeString(out, reserve.source().name());
                writeDecimal(out, reserve.quantity());
                out.writeLong(reserve.orderTime());
                writeNullableString(out, reserve.eventId());
            } else if (input.confirm() != null) {
                out.writeByte(CONFIRM);
                writeString(out, input.confirm().orderKey());
                out.writeLong(input.confirm().confirmedAt());
            } else {
                throw new IllegalArgumentException("an inventory input holds a reading, a reserve or a confirm");
            }
        }

        @Override
        public InventoryInput read(DataInputStream in) throws IOException {
            byte kind = in.readByte();
            return switch (kind) {
                case READING -> InventoryInput.of(new StockReading(readString(in), readString(in), readDecimal(in),
                        readDecimal(in), in.readLong(), readNullableString(in), in.readLong()));
                case RESERVE -> InventoryInput.of(new InventoryInput.Reserve(readString(in),
                        Source.valueOf(readString(in)), readDecimal(in), in.readLong(), readNullableString(in)));
                case CONFIRM -> InventoryInput.of(new InventoryInput.Confirm(readString(in), in.readLong()));
                default -> throw new IOException("unknown inventory input kind " + kind);
            };
        }
    });

    private InventoryStateFormat() {
    }

    /**
     * A store's sales were written under their source's enum name ({@code XCART}) before stores, now under the
     * store's name ({@code xcart}, {@code us}): the layout is the same string, and an upper-case enum name is read
     * as the store named as that source, so state written by earlier versions keeps counting.
     */
    static String storeName(String written) {
        for (Source source : Source.values()) {
            if (source.name().equals(written)) {
                return written.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return written;
    }

    private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        out.writeInt(value.scale());
        byte[] unscaled = value.unscaledValue().toByteArray();
        out.writeInt(unscaled.length);
        out.write(unscaled);
    }

    private static BigDecimal readDecimal(DataInputStream in) throws IOException {
        int scale = in.readInt();
        byte[] unscaled = new byte[readCount(in)];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[readCount(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeNullableString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeNullableLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullableLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    /** A length or count, checked against what is left so a corrupt value fails instead of allocating gigabytes. */
    private static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("corrupt length " + count);
        }
        return count;
    }
}
