package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.KeyedLanes;

/**
 * Where the records of one source topic go, and those of theirs read back from retry.
 *
 * @param lanes   the workers, one key at a time; routes may share them
 * @param pauseAt records of one partition in flight at which it is paused (resumed at half); a topic coalesced in
 *                memory needs many in flight, one written record by record few
 */
public record Route(RecordHandler handler, KeyedLanes lanes, int pauseAt) {

    /** Records in flight per partition that keep {@code parallelism} workers busy writing one record at a time. */
    public static int pauseAtFor(int parallelism) {
        return Math.max(4 * parallelism, 32);
    }
}
