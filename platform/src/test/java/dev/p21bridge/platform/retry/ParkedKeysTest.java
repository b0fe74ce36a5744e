package dev.p21bridge.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParkedKeysTest {

    private final ParkedKeys parked = new ParkedKeys();

    @Test
    void shouldLetARecordGoWhenNoEarlierRecordOfItsKeyIsInRetry() {
        parked.park("xcart:1", 100, 1);

        assertThat(parked.highestLevelBefore("xcart:2", 200)).isEmpty();
        assertThat(parked.highestLevelBefore("xcart:1", 100)).isEmpty();
        assertThat(parked.highestLevelBefore("xcart:1", 99)).isEmpty();
    }

    @Test
    void shouldMakeALaterRecordWaitAtTheHighestLevelOfTheEarlierOnes() {
        parked.park("xcart:1", 100, 2);
        parked.park("xcart:1", 105, 1);

        assertThat(parked.highestLevelBefore("xcart:1", 110)).hasValue(2);
        assertThat(parked.highestLevelBefore("xcart:1", 103)).hasValue(2);
    }

    @Test
    void shouldMoveARecordUpButNeverDown() {
        parked.park("xcart:1", 100, 2);
        parked.park("xcart:1", 100, 1);

        assertThat(parked.first("xcart:1")).contains(new ParkedKeys.Parked(100, 2));
        parked.park("xcart:1", 100, 3);
        assertThat(parked.first("xcart:1")).contains(new ParkedKeys.Parked(100, 3));
    }

    @Test
    void shouldUnparkTheKeyWhenItsLastRecordIsReleased() {
        parked.park("xcart:1", 100, 1);
        parked.park("xcart:1", 105, 1);

        parked.release("xcart:1", 100);
        assertThat(parked.highestLevelBefore("xcart:1", 110)).hasValue(1);
        parked.release("xcart:1", 105);

        assertThat(parked.isParked("xcart:1")).isFalse();
        assertThat(parked.keys()).isZero();
    }
}
