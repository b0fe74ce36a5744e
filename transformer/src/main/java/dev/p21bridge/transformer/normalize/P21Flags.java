package dev.p21bridge.transformer.normalize;

/** P21's Y/N columns. A value other than Y or N is one this mapping does not know: a {@code mapping} dead letter. */
final class P21Flags {

    private P21Flags() {
    }

    /**
     * True for {@code Y}, false for {@code N} or no value (either case); {@code row} names the row and
     * {@code mapping} the mapping in the message of anything else.
     */
    static boolean flag(JsonFields json, String field, String row, String mapping) {
        String value = json.optionalText(field);
        if ("Y".equalsIgnoreCase(value)) {
            return true;
        }
        if ("N".equalsIgnoreCase(value) || value == null) {
            return false;
        }
        throw new MappingException(row + " has " + field + " " + Echo.quoted(value) + ", which the " + mapping
                + " mapping does not know (expected Y or N); check the row in P21, then replay this dead letter");
    }
}
