package dev.p21bridge.transformer.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InventoryStateFormatTest {

    private static final String TOPIC = "any";

    private static final ItemStock STOCK = new ItemStock("HX-4410",
            Map.of("10", new ItemStock.LocationStock(new BigDecimal("120.0000"), new BigDecimal("-3.5000"), 1_700_000_000_000L),
                    "20", new ItemStock.LocationStock(new BigDecimal("0.0000"), new BigDecimal("7.1250"), 1_700_000_100_000L)),
            1_700_000_200_000L, Map.of("xcart", new BigDecimal("12.0000"), "ca", new BigDecimal("1.5000")));

    @Test
    void everyRecordComesBackEqual() {
        assertThat(roundTrip(InventoryStateFormat.ITEM_STOCK, STOCK)).isEqualTo(STOCK);
        ItemStock noSales = new ItemStock("Ärmel-7", Map.of(), Long.MIN_VALUE, Map.of());
        assertThat(roundTrip(InventoryStateFormat.ITEM_STOCK, noSales)).isEqualTo(noSales);

        ItemReservations.Reservation open = new ItemReservations.Reservation(new BigDecimal("2.0000"), 5L, null,
                Source.CLARITY, null);
        ItemReservations.Reservation confirmed = new ItemReservations.Reservation(
                new BigDecimal("123456789012345678901234.5678"), 5L, 9L, Source.XCART, "evt-1");
        assertThat(roundTrip(InventoryStateFormat.RESERVATION, open)).isEqualTo(open);
        assertThat(roundTrip(InventoryStateFormat.RESERVATION, confirmed)).isEqualTo(confirmed);

        assertThat(roundTrip(InventoryStateFormat.RESERVATION_TOTALS, ReservationTotals.NONE))
                .isEqualTo(ReservationTotals.NONE);
        ReservationTotals totals = new ReservationTotals(3, new BigDecimal("-0.0001"), 42L, false);
        assertThat(roundTrip(InventoryStateFormat.RESERVATION_TOTALS, totals)).isEqualTo(totals);

        OrderLines placed = OrderLines.placed(Map.of("A", new BigDecimal("1.0000"), "B", new BigDecimal("40")), 7L);
        OrderLines early = OrderLines.earlyConfirmation(8L, 9L);
        assertThat(roundTrip(InventoryStateFormat.ORDER_LINES, placed)).isEqualTo(placed);
        assertThat(roundTrip(InventoryStateFormat.ORDER_LINES, early)).isEqualTo(early);

        for (InventoryInput input : new InventoryInput[] {
                InventoryInput.of(new StockReading("A", "10", new BigDecimal("5.0000"), new BigDecimal("1.0000"), 1L,
                        "p21:inv_loc:A:10:1", 2L)),
                InventoryInput.of(new StockReading("A", "10", BigDecimal.ONE, BigDecimal.ZERO, 1L, null, 2L)),
                InventoryInput.of(new InventoryInput.Reserve("xcart:1001", Source.XCART, new BigDecimal("3.0000"), 4L,
                        "evt-9")),
                InventoryInput.of(new InventoryInput.Confirm("clarity:77", 5L))}) {
            assertThat(roundTrip(InventoryStateFormat.INVENTORY_INPUT, input)).isEqualTo(input);
        }
    }

    /**
     * The layout is what the stores and changelogs of running transformers hold: a change to it must be a new
     * version, never an edit. These bytes were written by version 1.
     */
    @Test
    void layoutOfVersionOneStaysReadable() {
        ItemStock stock = new ItemStock("A", Map.of("10", new ItemStock.LocationStock(new BigDecimal("1.5000"),
                BigDecimal.ZERO, 2L)), 3L, Map.of("xcart", new BigDecimal("0.25")));
        String stockHex = "01" + "00000001" + "41" // version, item "A"
                + "00000001" + "00000002" + "3130" // one location "10"
                + "00000004" + "00000002" + "3a98" + "00000000" + "00000001" + "00" // 1.5000 (15000), 0
                + "0000000000000002" + "0000000000000003" // modifiedAt, lastChangedAt
                + "00000001" + "00000005" + "7863617274" + "00000002" + "00000001" + "19"; // store xcart 0.25
        assertThat(hex(InventoryStateFormat.ITEM_STOCK, stock)).isEqualTo(stockHex);
        assertThat(read(InventoryStateFormat.ITEM_STOCK, stockHex)).isEqualTo(stock);
        // written before stores: the sales of source XCART are the store xcart's
        String beforeStores = stockHex.replace("7863617274", "5843415254");
        assertThat(read(InventoryStateFormat.ITEM_STOCK, beforeStores)).isEqualTo(stock);

        String reserveHex = "01" + "02" + "00000001" + "6b" + "00000005" + "5843415254" // RESERVE, "k", XCART
                + "00000000" + "00000001" + "02" + "0000000000000004" + "00"; // quantity 2, orderTime 4, no event id
        InventoryInput reserve = InventoryInput.of(new InventoryInput.Reserve("k", Source.XCART, new BigDecimal("2"),
                4L, null));
        assertThat(hex(InventoryStateFormat.INVENTORY_INPUT, reserve)).isEqualTo(reserveHex);
        assertThat(read(InventoryStateFormat.INVENTORY_INPUT, reserveHex)).isEqualTo(reserve);
    }

    @Test
    void stateWrittenAsJsonByEarlierVersionsIsStillRead() {
        ReservationTotals totals = new ReservationTotals(2, new BigDecimal("3.0000"), 11L, true);
        byte[] json = new JsonSerde<>(ReservationTotals.class).serializer().serialize(TOPIC, totals);
        assertThat(InventoryStateFormat.RESERVATION_TOTALS.deserializer().deserialize(TOPIC, json)).isEqualTo(totals);

        byte[] stockJson = new JsonSerde<>(ItemStock.class).serializer().serialize(TOPIC, STOCK);
        assertThat(InventoryStateFormat.ITEM_STOCK.deserializer().deserialize(TOPIC, stockJson)).isEqualTo(STOCK);

        // totals from before the confirmation index: the flag is false, so the next reading reads everything
        byte[] older = "{\"count\":1,\"reserved\":1.0000,\"oldestReservedAt\":5}".getBytes();
        assertThat(InventoryStateFormat.RESERVATION_TOTALS.deserializer().deserialize(TOPIC, older).confirmedIndexed())
                .isFalse();
    }

    @Test
    void binaryIsWhatIsWrittenNow() {
        byte[] bytes = InventoryStateFormat.ITEM_STOCK.serializer().serialize(TOPIC, STOCK);
        byte[] json = new JsonSerde<>(ItemStock.class).serializer().serialize(TOPIC, STOCK);
        assertThat(bytes[0]).isEqualTo(BinarySerde.VERSION);
        assertThat(bytes.length).isLessThan(json.length);
    }

    @Test
    void nullStaysNull() {
        assertThat(InventoryStateFormat.ITEM_STOCK.serializer().serialize(TOPIC, null)).isNull();
        assertThat(InventoryStateFormat.ITEM_STOCK.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void aValueInNeitherFormIsRefusedNamingTheType() {
        byte[] good = InventoryStateFormat.ITEM_STOCK.serializer().serialize(TOPIC, STOCK);
        byte[] newer = good.clone();
        newer[0] = 2;
        assertThatThrownBy(() -> InventoryStateFormat.ITEM_STOCK.deserializer().deserialize(TOPIC, newer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ItemStock").hasMessageContaining("unknown format 2");
        assertThatThrownBy(() -> InventoryStateFormat.ITEM_STOCK.deserializer().deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("empty");
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> InventoryStateFormat.ITEM_STOCK.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ItemStock");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> InventoryStateFormat.ITEM_STOCK.deserializer().deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("left over");
        // a huge length must fail, not allocate
        byte[] corrupt = good.clone();
        corrupt[1] = 0x7f;
        assertThatThrownBy(() -> InventoryStateFormat.ITEM_STOCK.deserializer().deserialize(TOPIC, corrupt))
                .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt length");
        // a storefront the schema does not know
        byte[] unknownSource = hexBytes("01" + "02" + "00000001" + "6b" + "00000005" + "4d4147454e" // "MAGEN"
                + "00000000" + "00000001" + "02" + "0000000000000004" + "00");
        assertThatThrownBy(() -> InventoryStateFormat.INVENTORY_INPUT.deserializer().deserialize(TOPIC, unknownSource))
                .isInstanceOf(SerializationException.class).hasMessageContaining("InventoryInput")
                .hasMessageContaining("MAGEN");
    }

    private static <T> T roundTrip(BinarySerde<T> serde, T value) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
    }

    private static <T> String hex(BinarySerde<T> serde, T value) {
        return HexFormat.of().formatHex(serde.serializer().serialize(TOPIC, value));
    }

    private static <T> T read(BinarySerde<T> serde, String hex) {
        return serde.deserializer().deserialize(TOPIC, hexBytes(hex));
    }

    private static byte[] hexBytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
