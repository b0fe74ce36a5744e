package dev.p21bridge.app.trace;

import java.util.Locale;

/**
 * The keys of the trace index: one store holds the orders and both ways to find them, told apart by a prefix, so the
 * index needs one repartition topic and one changelog.
 */
final class IndexKeys {

    static final String ORDER = "order:";
    static final String EMAIL = "email:";
    static final String P21 = "p21:";

    private IndexKeys() {
    }

    static String order(String orderKey) {
        return ORDER + orderKey;
    }

    /** E-mails are matched without regard to case, as {@code canonical.customers} keys them. */
    static String email(String email) {
        return EMAIL + email.trim().toLowerCase(Locale.ROOT);
    }

    static String p21(String orderNo) {
        return P21 + orderNo.trim();
    }
}
