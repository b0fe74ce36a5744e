package dev.p21bridge.app.holds;

import dev.p21bridge.app.console.PersonalText;
import dev.p21bridge.platform.holds.Hold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A hold as people and scripts see it (CLI, console page, {@code GET /api/holds}): its reasons and hold reason with
 * every e-mail address masked, and its age.
 *
 * @param heldAt     ISO-8601, as {@code decidedAt} (null until decided)
 * @param ageMinutes whole minutes since the order was held
 */
public record HoldView(String orderKey, String store, String p21OrderNo, int score, List<String> reasons,
                      String holdReason, String state, String heldAt, long ageMinutes, String age,
                      String decidedAt, String decidedBy, String note) {

    public static HoldView of(Hold hold, Instant now) {
        Duration age = hold.heldAt() == null ? Duration.ZERO : Duration.between(hold.heldAt(), now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        return new HoldView(hold.orderKey(), hold.store(), hold.p21OrderNo(), hold.score(),
                hold.reasons().stream().map(PersonalText::masked).toList(), PersonalText.masked(hold.holdReason()),
                hold.state().text(), text(hold.heldAt()), age.toMinutes(), ageText(age), text(hold.decidedAt()),
                hold.decidedBy(),
                PersonalText.masked(hold.note()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The top {@code n} reasons, joined for one line. */
    public String topReasons(int n) {
        return String.join("; ", reasons.subList(0, Math.min(n, reasons.size())));
    }

    /** "45 min", "3 h 12 min", "2 d 4 h". */
    static String ageText(Duration age) {
        long minutes = age.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
    }
}
