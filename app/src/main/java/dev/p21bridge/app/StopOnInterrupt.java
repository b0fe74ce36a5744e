package dev.p21bridge.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (SIGINT) or SIGTERM asks a long command to stop at its next safe point instead of killing it there: the JVM
 * waits, up to {@link #GRACE_SECONDS}, until the command said it {@link #finished()}, so what it wrote is acknowledged
 * and its position kept. A {@link BooleanSupplier} the command asks between steps.
 */
final class StopOnInterrupt implements BooleanSupplier, AutoCloseable {

    static final int GRACE_SECONDS = 60;

    private volatile boolean asked;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "stop-on-interrupt");

    StopOnInterrupt() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public boolean getAsBoolean() {
        return asked;
    }

    /** The command reached a safe point for good; a later Ctrl-C ends the JVM at once. */
    void finished() {
        done.countDown();
    }

    private void stopAndWait() {
        asked = true;
        try {
            done.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs and returns at once
        }
    }
}
