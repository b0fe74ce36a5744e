package dev.p21bridge.p21;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.RiskAction;
import dev.p21bridge.schemas.RiskAssessment;
import dev.p21bridge.schemas.RiskReason;
import java.util.List;
import java.util.Optional;

/**
 * What the transformer's risk score asks of the p21-sink for a new order (docs/risk.md, "Holds"): HOLD creates it in
 * P21 on hold, with a {@code hold_reason} naming the score and its top reasons, so its stock is allocated while it
 * waits and P21 users see it in their held-orders queue; REJECT creates nothing and cancels it in the storefront. An
 * order without a score (an update, scoring off) or with PASS is written as before.
 */
final class RiskPolicy {

    /**
     * The longest {@code hold_reason} sent. P21's public material documents no such edit nor its width (docs/p21-cash.md,
     * "Holds"); 255 is the common width of P21's free-text columns, and the simulator takes any.
     */
    static final int HOLD_REASON_LENGTH = 255;

    private RiskPolicy() {
    }

    /** The hold reason of an order the score holds, e.g. "risk 60: cards-per-ip 2 cards from one IP in 10 min; ...". */
    static Optional<String> holdReason(Order order) {
        return action(order) == RiskAction.HOLD ? Optional.of(reasonText(order.getRisk())) : Optional.empty();
    }

    /** Why an order the score rejects is not created in P21; empty for any other order. */
    static Optional<String> rejection(Order order) {
        return action(order) == RiskAction.REJECT
                ? Optional.of("rejected by the risk rules, " + reasonText(order.getRisk())) : Optional.empty();
    }

    /** True when the order is held by its score (not by a pending payment). */
    static boolean holds(Order order) {
        return action(order) == RiskAction.HOLD;
    }

    private static RiskAction action(Order order) {
        RiskAssessment risk = order.getRisk();
        // the score is of the order as it came in: an update carries none, and an old record none at all
        return risk == null || order.getChangeType() != ChangeType.CREATED ? RiskAction.PASS : risk.getAction();
    }

    /**
     * "risk N: " and the reasons, highest points first, as many whole ones as fit {@link #HOLD_REASON_LENGTH}; a
     * first reason too long on its own is cut and ends with "...".
     */
    static String reasonText(RiskAssessment risk) {
        StringBuilder text = new StringBuilder("risk ").append(risk.getScore());
        List<RiskReason> reasons = risk.getReasons();
        for (int i = 0; i < reasons.size(); i++) {
            String reason = reasons.get(i).getSignal() + " " + reasons.get(i).getDetail();
            String separator = i == 0 ? ": " : "; ";
            if (text.length() + separator.length() + reason.length() <= HOLD_REASON_LENGTH) {
                text.append(separator).append(reason);
            } else if (i == 0) {
                int room = HOLD_REASON_LENGTH - text.length() - separator.length() - 3;
                text.append(separator).append(reason, 0, room).append("...");
            } else {
                break;
            }
        }
        return text.toString();
    }

    /** Each reason as the holds list shows it: "signal detail (points)". */
    static List<String> reasonLines(RiskAssessment risk) {
        return risk.getReasons().stream()
                .map(reason -> reason.getSignal() + " " + reason.getDetail() + " (" + reason.getPoints() + ")").toList();
    }
}
