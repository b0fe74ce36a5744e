package dev.p21bridge.app.trace;

import dev.p21bridge.app.trace.TraceAnswer.Match;
import dev.p21bridge.app.trace.TraceAnswer.OrderTrace;
import dev.p21bridge.app.trace.TraceAnswer.State;
import dev.p21bridge.app.trace.TraceAnswer.Step;
import java.io.PrintWriter;

/**
 * {@code ./bridge trace} for people: each traced order's path oldest first, one line per record with its time, kind,
 * place and summary (under a dead letter, where it failed from and how to replay it), then its state in P21 and the
 * storefront; orders matched but not traced in full are listed by key.
 */
public final class TracePrinter {

    private TracePrinter() {
    }

    public static void print(TraceAnswer answer, PrintWriter out) {
        for (OrderTrace order : answer.traced()) {
            out.printf("%s  P21 order %s  buyer %s%n", order.orderKey(), or(order.p21OrderNo(), "-"), or(order.email(), "-"));
            for (Step step : order.path()) {
                out.printf("  %-24s %-15s %-34s %s%n", step.time(), step.kind(),
                        step.topic() + "-" + step.partition() + "@" + step.offset(), step.summary());
                if (step.deadLetter() != null) {
                    out.printf("  %-24s %-15s from %s after %s attempt(s); once fixed: ./bridge dlq replay %s --key %s%n",
                            "", "", step.deadLetter().originalTopic(), step.deadLetter().attempts(),
                            step.deadLetter().service(), order.orderKey());
                }
            }
            state(out, order.p21());
            state(out, order.storefront());
            out.println();
        }
        if (answer.matches().size() > answer.traced().size()) {
            out.println("also matched, not traced in full (newest " + answer.traced().size() + " shown above):");
            for (Match match : answer.matches()) {
                if (answer.traced().stream().noneMatch(t -> t.orderKey().equals(match.orderKey()))) {
                    out.println("  " + match.orderKey());
                }
            }
        }
        out.println(answer.matches().size() + " order(s) matched " + answer.queryKind() + " " + answer.query());
        out.flush();
    }

    private static void state(PrintWriter out, State state) {
        if (state == null) {
            return;
        }
        out.printf("  now in %-10s %s%s%n", state.system() + ":", state.status(),
                state.detail() != null && !state.detail().isNull() ? "  " + state.detail()
                        : state.problem() != null ? "  (" + state.problem() + ")" : "");
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
