package dev.p21bridge.transformer.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

/**
 * How long one evaluation may run and how deep it may nest, as JSONata's own {@code Frame.setRuntimeBounds} bounds it
 * (the same checks, the same messages), with the clock read on every 256th step instead of twice on each of the
 * thousands of steps a template takes per record (docs/benchmarks.md, mappings). A step takes well under a
 * microsecond, so a runaway is still stopped within a millisecond of its time.
 */
final class EvaluationBounds {

    private static final int STEPS_PER_CLOCK_READ = 256;

    private final long timeoutMillis;
    private final int maxDepth;
    private final long start = System.currentTimeMillis();
    private int depth;
    private int steps;

    private EvaluationBounds(long timeoutMillis, int maxDepth) {
        this.timeoutMillis = timeoutMillis;
        this.maxDepth = maxDepth;
    }

    /** Bounds the evaluations in {@code frame} from now on. */
    static void set(Jsonata.Frame frame, long timeoutMillis, int maxDepth) {
        EvaluationBounds bounds = new EvaluationBounds(timeoutMillis, maxDepth);
        // JSONata's own bounds skip the steps of a frame that evaluates an object's second and later values
        frame.setEvaluateEntryCallback((expression, input, environment) -> {
            if (!environment.isParallelCall) {
                bounds.depth++;
                bounds.check();
            }
        });
        frame.setEvaluateExitCallback((expression, input, environment, result) -> {
            if (!environment.isParallelCall) {
                bounds.depth--;
                bounds.check();
            }
        });
    }

    private void check() {
        if (depth > maxDepth) {
            throw new JException("Stack overflow error: Check for non-terminating recursive function.  Consider"
                    + " rewriting as tail-recursive. Depth=" + depth + " max=" + maxDepth, -1);
        }
        if (++steps % STEPS_PER_CLOCK_READ == 0 && System.currentTimeMillis() - start > timeoutMillis) {
            throw new JException("Expression evaluation timeout: Check for infinite loop", -1);
        }
    }
}
