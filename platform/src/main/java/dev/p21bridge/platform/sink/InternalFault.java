package dev.p21bridge.platform.sink;

/**
 * What an {@code internal} dead letter says about a throwable that escaped a sink's own code (a bug, a
 * {@link StackOverflowError} on a deeply nested value). It names the type only: an exception's message may quote the
 * record (an e-mail, a name), and a dead letter's message is read by more people than the service log, which keeps
 * the stack trace.
 */
public final class InternalFault {

    private InternalFault() {
    }

    /** E.g. "the p21-sink failed on this order with java.lang.StackOverflowError; ...". */
    public static String message(String service, String what, Throwable fault) {
        return "the " + service + " failed on this " + what + " with " + fault.getClass().getName()
                + "; the stack trace is in the " + service + " log. Replay the dead letter once the fault is fixed.";
    }
}
