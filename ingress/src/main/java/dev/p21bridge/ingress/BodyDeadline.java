package dev.p21bridge.ingress;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * The time a sender has to deliver its whole body ({@link IngressConfig#bodyTimeout()}). Jetty's own guards leave a
 * gap: its idle timeout only fires for a sender that sends nothing at all, so one byte every few seconds holds a
 * request thread (reads are blocking) and the body's buffer indefinitely; its {@code minRequestDataRate} is off
 * unless configured and, when on, is judged only as bytes arrive. One deadline per request bounds the trickler and
 * the staller alike, and the reads of refused bodies too. When it passes before the body is read, the connection is
 * closed, which ends the blocked read with an {@link java.io.IOException}; {@link #expired()} then tells the endpoint
 * why.
 */
final class BodyDeadline {

    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean expired;
    private final ScheduledFuture<?> timer;

    private BodyDeadline(ScheduledExecutorService timers, Duration timeout, EndPoint connection) {
        this.timer = timers.schedule(() -> expire(connection, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the clock for the body of {@code request}, a request Jetty serves. */
    static BodyDeadline start(ScheduledExecutorService timers, Duration timeout, jakarta.servlet.ServletRequest request) {
        return new BodyDeadline(timers, timeout,
                ServletContextRequest.getServletContextRequest(request).getServletChannel().getEndPoint());
    }

    /** The body was read (or failed) in time; the connection stays open. Call once reading stopped. */
    void settle() {
        if (settled.compareAndSet(false, true)) {
            timer.cancel(false);
        }
    }

    /** Whether the deadline passed and the connection was closed before the body was read. */
    boolean expired() {
        return expired;
    }

    private void expire(EndPoint connection, Duration timeout) {
        if (settled.compareAndSet(false, true)) {
            expired = true;
            connection.close(new TimeoutException("webhook body not received within " + timeout));
        }
    }
}
