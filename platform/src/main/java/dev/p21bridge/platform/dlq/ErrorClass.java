package dev.p21bridge.platform.dlq;

/**
 * The {@code dlq.error.class} values of docs/contract.md, section 'Retries and dead letters'; operators filter dead
 * letters by them.
 */
public enum ErrorClass {
    /** The input is well-formed but breaks a business rule (totals do not add up, a required field is empty). */
    VALIDATION("validation"),
    /** The input could not be read or translated (not JSON, a value of the wrong type, an unknown code). */
    MAPPING("mapping"),
    /** The target system refused the record for a business reason, with its own message. */
    REJECTED_BY_TARGET("rejected-by-target"),
    /** Every retry failed with a transient error. */
    RETRIES_EXHAUSTED("retries-exhausted"),
    /** A fault of the bridge itself; the record is kept so nothing is lost while it is fixed. */
    INTERNAL("internal");

    private final String label;

    ErrorClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ErrorClass fromLabel(String label) {
        for (ErrorClass value : values()) {
            if (value.label.equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown error class '" + label + "'; one of validation, mapping, "
                + "rejected-by-target, retries-exhausted, internal");
    }
}
