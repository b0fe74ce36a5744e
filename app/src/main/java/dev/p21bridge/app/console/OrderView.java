package dev.p21bridge.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.app.trace.TraceAnswer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One traced order as the trace page shows it: the path oldest first, dead letters with their error class and
 * reason, its state in P21 and the storefront in a line each. The e-mail in full (this is the order's own page);
 * anything else that may hold an address masked.
 */
public record OrderView(String orderKey, String email, String p21OrderNo, List<StepView> path, StateView p21,
                        StateView storefront) {

    /** One record of the order's path; {@code deadLetter} is null unless it is one. */
    public record StepView(String time, String kind, String topic, String where, String summary, String deadLetter) {

        public String rowClass() {
            return deadLetter != null ? "step-dead-letter" : kind.equals("retry") ? "step-retry" : "";
        }
    }

    /** What a system says of the order now, in a line. */
    public record StateView(String system, String status, String detail) {
    }

    static OrderView of(TraceAnswer.OrderTrace order) {
        List<StepView> path = new ArrayList<>();
        for (TraceAnswer.Step step : order.path()) {
            TraceAnswer.DeadLetterReason reason = step.deadLetter();
            path.add(new StepView(step.time(), step.kind(), step.topic(), step.partition() + "@" + step.offset(),
                    PersonalText.masked(step.summary()), reason == null ? null
                    : reason.errorClass() + ": " + PersonalText.masked(reason.reason())
                    + (reason.attempts() == null ? "" : " (" + reason.attempts() + " attempt(s))")));
        }
        return new OrderView(order.orderKey(), order.email(), order.p21OrderNo(), path, state(order.p21(), "P21"),
                state(order.storefront(), "storefront"));
    }

    private static final int DETAIL_FIELDS = 8;

    private static StateView state(TraceAnswer.State state, String system) {
        if (state == null) {
            return new StateView(system, "not asked", "");
        }
        if (state.problem() != null) {
            return new StateView(state.system(), state.status(), PersonalText.masked(state.problem()));
        }
        return new StateView(state.system(), state.status(), detail(state.detail()));
    }

    /** The first few plain fields of a system's answer, {@code name=value}, addresses masked. */
    private static String detail(JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = detail.fields();
        while (fields.hasNext() && shown.size() < DETAIL_FIELDS) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                shown.add(field.getKey() + "=" + field.getValue().asText());
            }
        }
        return PersonalText.masked(String.join(", ", shown));
    }
}
