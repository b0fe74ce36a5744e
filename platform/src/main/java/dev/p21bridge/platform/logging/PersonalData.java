package dev.p21bridge.platform.logging;

/**
 * Masks personal data before it reaches a log line: logs are shipped to places with looser access than the
 * systems of record, so e-mails and addresses never appear there in clear.
 */
public final class PersonalData {

    private PersonalData() {
    }

    /** {@code dana.whitfield@example.com} becomes {@code d***@example.com}; the domain helps support, the name is hidden. */
    public static String maskEmail(String email) {
        if (email == null || email.isBlank()) {
            return "<none>";
        }
        String trimmed = email.trim();
        int at = trimmed.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return trimmed.charAt(0) + "***" + trimmed.substring(at);
    }

    /** Any free text that may hold an address or a name: only its length is kept. */
    public static String maskText(String text) {
        return text == null ? "<none>" : "<" + text.length() + " chars>";
    }
}
