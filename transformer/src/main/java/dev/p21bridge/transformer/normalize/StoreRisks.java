package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.StoreRisk;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The canonical {@link StoreRisk} from what a store says of an order's risk, read the same by the templates' mapped
 * order ({@code storeRisk {flagged, score, detail}}) and the Java normalizers (the simulators' {@code fraud_check} /
 * {@code fraudCheck {status, score}}): a score must already be on 0-100.
 */
public final class StoreRisks {

    private StoreRisks() {
    }

    /** From a mapped order's {@code storeRisk}. */
    public static StoreRisk mapped(JsonFields risk) {
        if (risk == null) {
            return null;
        }
        return build(Boolean.TRUE.equals(risk.optionalBoolean("flagged")), risk, "score", risk.optionalText("detail"));
    }

    /** From a store's fraud check {@code {status: ok|review|fraud, score}}: review and fraud flag the order. */
    public static StoreRisk fraudCheck(JsonFields check) {
        if (check == null) {
            return null;
        }
        String status = check.optionalText("status");
        boolean flagged = status != null && switch (status.toLowerCase(Locale.ROOT)) {
            case "review", "fraud" -> true;
            default -> false;
        };
        return build(flagged, check, "score", status);
    }

    private static StoreRisk build(boolean flagged, JsonFields json, String scoreField, String detail) {
        BigDecimal score = json.optionalDecimal(scoreField);
        if (score != null && (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new MappingException(json.path(scoreField) + " must be between 0 and 100 (scale the gateway's score in"
                    + " the template), got " + score.toPlainString());
        }
        return StoreRisk.newBuilder()
                .setFlagged(flagged)
                .setScore(score == null ? null : score.intValue())
                .setDetail(detail)
                .build();
    }
}
