package dev.p21bridge.ingress.p21;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The skip rules at the watermark boundary: skip only what is certainly on raw.p21 already. */
class P21CursorTest {

    private static final Instant WATERMARK = Instant.parse("2026-11-22T17:03:11.123Z");
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final P21Cursor cursor = new P21Cursor(P21Table.INVENTORY,
            new P21Watermark(WATERMARK, Set.of("A/10")), OVERLAP);

    @Test
    void shouldStartTheWindowTheOverlapBeforeTheWatermark() {
        assertThat(cursor.windowStart()).isEqualTo(Instant.parse("2026-11-22T17:03:06.123Z"));
    }

    @Test
    void shouldSkipARowAtTheWatermarkWhoseKeyTheWatermarkLists() {
        assertThat(cursor.isNew("A/10", WATERMARK)).isFalse();
    }

    @Test
    void shouldWriteARowAtTheWatermarkWhoseKeyTheWatermarkDoesNotList() {
        assertThat(cursor.isNew("A/20", WATERMARK)).isTrue();
    }

    @Test
    void shouldWriteARowAfterTheWatermark() {
        assertThat(cursor.isNew("A/10", WATERMARK.plusMillis(1))).isTrue();
    }

    @Test
    void shouldWriteAnOlderRowInsideTheOverlapThatWasNotWrittenBecauseItWasCommittedLate() {
        assertThat(cursor.isNew("B/10", WATERMARK.minusSeconds(2))).isTrue();
    }

    @Test
    void shouldSkipAnOlderRowInsideTheOverlapThatThisWindowAlreadyWrote() {
        cursor.written("B/10", WATERMARK.minusSeconds(2));

        assertThat(cursor.isNew("B/10", WATERMARK.minusSeconds(2))).isFalse();
        assertThat(cursor.isNew("B/10", WATERMARK.minusSeconds(1))).isTrue();
    }

    @Test
    void shouldSkipARowVersionReadBackFromRawP21AtStart() {
        Instant modified = WATERMARK.minusSeconds(1);
        cursor.remember(P21Table.INVENTORY.eventId("C/10", modified), modified);

        assertThat(cursor.isNew("C/10", modified)).isFalse();
    }

    @Test
    void shouldMoveTheWatermarkToTheNewestRowAndCollectEveryKeyAtThatTime() {
        Instant later = WATERMARK.plusMillis(7);

        cursor.written("A/10", later);
        cursor.written("A/20", later);

        assertThat(cursor.watermark()).isEqualTo(new P21Watermark(later, Set.of("A/10", "A/20")));
    }

    @Test
    void shouldAddAKeyToTheWatermarkWhenARowAtTheSameTimeIsWritten() {
        cursor.written("A/20", WATERMARK);

        assertThat(cursor.watermark()).isEqualTo(new P21Watermark(WATERMARK, Set.of("A/10", "A/20")));
    }

    @Test
    void shouldNeverMoveTheWatermarkBackForALateRow() {
        cursor.written("B/10", WATERMARK.minusSeconds(3));

        assertThat(cursor.watermark()).isEqualTo(new P21Watermark(WATERMARK, Set.of("A/10")));
    }

    @Test
    void shouldForgetEventIdsOnceTheWindowHasMovedPastThem() {
        cursor.written("B/10", WATERMARK.minusSeconds(4));
        cursor.written("A/10", WATERMARK.plusSeconds(2));

        cursor.prune();

        assertThat(cursor.remembered()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreAnEventIdReadBackFromBeforeTheWindow() {
        Instant old = WATERMARK.minusSeconds(60);
        cursor.remember(P21Table.INVENTORY.eventId("D/10", old), old);

        assertThat(cursor.remembered()).isZero();
    }
}
