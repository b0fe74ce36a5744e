package dev.p21bridge.p21;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import java.util.Map;

/**
 * How a storefront payment method becomes a P21 payment type on the cash receipt the sink records
 * ({@code payment_type_id}): P21 posts each type to its own cash account, which only the tenant knows.
 *
 * @param paymentTypes storefront payment method (case-insensitive) to P21 payment type id
 * @param defaultPaymentType the type of a method the map does not name
 */
public record PaymentMapping(Map<String, String> paymentTypes, String defaultPaymentType) {

    public static final Setting<Map<String, String>> PAYMENT_TYPE_MAP = new Setting<>("BRIDGE_P21_PAYMENT_TYPE_MAP",
            "storefront payment method to P21 payment type id of its cash receipts, as 'Method=TYPE,...'",
            NamedCodes.parse("Credit Card=CC,PayPal=PAYPAL,PurchaseOrder=PO,Bank Transfer=ACH", "Method=TYPE", false),
            text -> NamedCodes.parse(text, "Method=TYPE", false));
    public static final Setting<String> DEFAULT_PAYMENT_TYPE = Setting.string("BRIDGE_P21_DEFAULT_PAYMENT_TYPE",
            "P21 payment type id of a storefront payment method the map does not name", "CC");

    public PaymentMapping {
        paymentTypes = NamedCodes.normalized(paymentTypes);
        if (defaultPaymentType == null || defaultPaymentType.isBlank()) {
            throw new IllegalArgumentException("defaultPaymentType must not be blank");
        }
    }

    public static PaymentMapping defaults() {
        return new PaymentMapping(PAYMENT_TYPE_MAP.defaultValue(), DEFAULT_PAYMENT_TYPE.defaultValue());
    }

    public static PaymentMapping from(Environment env) {
        return new PaymentMapping(env.get(PAYMENT_TYPE_MAP), env.get(DEFAULT_PAYMENT_TYPE));
    }

    public String paymentTypeFor(String method) {
        return NamedCodes.codeOf(paymentTypes, method, defaultPaymentType);
    }
}
