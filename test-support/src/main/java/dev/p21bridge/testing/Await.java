package dev.p21bridge.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, the one way tests wait: no test sleeps and hopes. The condition is asked
 * again every {@value #POLL_MILLIS} ms; an exception it throws counts as "not yet" (a server still starting, a topic
 * not yet described), and the last one is attached to the failure when the deadline passes.
 */
public final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /** A check that may throw while what it looks at is not ready. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Returns once {@code condition} holds; fails with "condition not within {@code timeout}; state" after it. */
    public static void until(Duration timeout, Condition condition, Supplier<String> state) {
        until("condition", timeout, condition, state);
    }

    public static void until(Duration timeout, Condition condition) {
        until("condition", timeout, condition, () -> "");
    }

    /** Returns once {@code condition} holds; fails with "{@code what} not within {@code timeout}" after it. */
    public static void until(String what, Duration timeout, Condition condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * As {@link #until(String, Duration, Condition)}; {@code state} describes what was seen, for the failure message
     * (counts, the last lines of a log).
     */
    public static void until(String what, Duration timeout, Condition condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted while waiting", e);
            } catch (Exception notYet) {
                last = notYet;
            }
            if (System.nanoTime() - deadline > 0) {
                String seen = state.get();
                printThreads(what);
                throw new AssertionError(what + " not within " + timeout + (seen.isEmpty() ? "" : "; " + seen)
                        + projectThreads(), last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted while waiting", e);
            }
        }
    }

    /**
     * The threads standing in the project's own code, a few frames each, for the failure message itself: a CI log
     * may show only the failures' summary, and a stalled worker is what a failed wait most needs to show.
     */
    private static String projectThreads() {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            StackTraceElement[] frames = info.getStackTrace();
            int own = -1;
            for (int i = 0; i < frames.length && own < 0; i++) {
                if (frames[i].getClassName().startsWith("dev.p21bridge.")
                        && !frames[i].getClassName().equals(Await.class.getName())) {
                    own = i;
                }
            }
            if (own < 0 || info.getThreadName().equals(Thread.currentThread().getName()) || shown == 20) {
                continue;
            }
            shown++;
            text.append("\n  ").append(info.getThreadName()).append(' ').append(info.getThreadState());
            for (int i = 0; i <= Math.min(own + 1, frames.length - 1) && i < 6; i++) {
                text.append("\n    at ").append(frames[i]);
            }
        }
        return text.isEmpty() ? "" : "\nthreads in the project's code:" + text;
    }

    /** What every thread was doing when a wait failed: a stalled worker shows where it stands. */
    private static void printThreads(String what) {
        StringBuilder dump = new StringBuilder("threads when waiting for " + what + " failed:\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(info.getThreadName()).append(' ').append(info.getThreadState());
            if (info.getLockName() != null) {
                dump.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                dump.append(" held by ").append(info.getLockOwnerName());
            }
            dump.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        System.err.print(dump);
    }
}
