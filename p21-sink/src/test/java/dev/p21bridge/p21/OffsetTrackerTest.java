package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldCommitOnlyTheContiguousPrefixWhenRecordsFinishOutOfOrder() {
        for (long offset = 10; offset <= 14; offset++) {
            tracker.received(offset);
        }

        tracker.completed(12);
        tracker.completed(13);
        assertThat(tracker.positionToCommit()).isEmpty();

        tracker.completed(10);
        assertThat(tracker.positionToCommit()).hasValue(11);

        tracker.completed(11);
        assertThat(tracker.positionToCommit()).hasValue(14);
        assertThat(tracker.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldNotOfferAPositionAgainOnceItIsCommitted() {
        tracker.received(0);
        tracker.completed(0);
        tracker.committed(1);

        assertThat(tracker.positionToCommit()).isEmpty();

        tracker.received(1);
        tracker.completed(1);
        assertThat(tracker.positionToCommit()).hasValue(2);
    }

    @Test
    void shouldHandleGapsInOffsetsLeftByTransactionMarkers() {
        tracker.received(5);
        tracker.received(7);
        tracker.received(9);

        tracker.completed(9);
        tracker.completed(5);
        assertThat(tracker.positionToCommit()).hasValue(6);

        tracker.completed(7);
        assertThat(tracker.positionToCommit()).hasValue(10);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void shouldIgnoreACompletionOfAnOffsetItNeverHandedOut() {
        tracker.received(3);
        tracker.completed(2);

        assertThat(tracker.positionToCommit()).isEmpty();
        assertThat(tracker.inFlight()).isEqualTo(1);
    }
}
