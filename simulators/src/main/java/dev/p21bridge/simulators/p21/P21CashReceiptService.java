package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Transaction API's {@code CashReceipt} service as this project assumes it (the name and fields are inferred, see
 * docs/p21-cash.md): one receipt per transaction from the {@code TABPAGE_1.receipt} form, answered with the
 * {@code receipt_no} P21 assigned. Refused, as P21 refuses a receipt it cannot post: an unknown customer or order, an
 * order of another customer, an invoice not of that order, a zero or non-numeric amount, a {@code check_no} over 40
 * or a {@code description} over 255 characters. A negative amount is money paid back (a refund).
 */
final class P21CashReceiptService implements P21TransactionHandler {

    static final String FORM = "TABPAGE_1.receipt";

    private final P21Store store;

    P21CashReceiptService(P21Store store) {
        this.store = store;
    }

    @Override
    public String serviceName() {
        return "CashReceipt";
    }

    @Override
    public List<ResultElement> apply(P21TransactionRequest.Transaction transaction) {
        Map<String, String> h = transaction.element(FORM).flatMap(e -> e.rows().stream().findFirst()).orElse(Map.of());
        P21Receipt saved = store.write((state, at) -> {
            P21Customer customer = customer(state, h.get("customer_id"));
            String invoiceNo = trimmed(h.get("invoice_no"));
            P21Invoice invoice = invoiceNo == null ? null : state.invoice(invoiceNo)
                    .orElseThrow(() -> new P21Rejection("Invoice No " + invoiceNo + " not found"));
            String orderNo = trimmed(h.get("order_no"));
            if (orderNo == null && invoice != null) {
                orderNo = invoice.orderNo();
            }
            P21Order order = orderNo == null ? null : order(state, orderNo, customer);
            if (invoice != null && order != null && !invoice.orderNo().equals(order.orderNo())) {
                throw new P21Rejection("Invoice No " + invoiceNo + " is not an invoice of order " + order.orderNo());
            }
            if (invoice == null && order != null) {
                invoice = state.invoiceOfOrder(order.orderNo()).orElse(null);
            }
            String paymentType = trimmed(h.get("payment_type_id"));
            if (paymentType == null) {
                throw new P21Rejection("Payment Type is required");
            }
            BigDecimal amount = amount(h.get("receipt_amount"));
            String checkNo = limited(h.get("check_no"), 40, "Check No");
            String description = limited(h.get("description"), 255, "Description");
            LocalDate receiptDate = P21OrderService.date(h.get("receipt_date"), "Receipt Date",
                    P21Receivables.today(at));
            P21Receipt receipt = new P21Receipt(state.takeReceiptNo(), customer.customerId(),
                    order == null ? null : order.orderNo(), invoice == null ? null : invoice.invoiceNo(), paymentType,
                    amount, checkNo, description, receiptDate, false, at, at);
            P21Receivables.enter(state, receipt, at);
            return receipt;
        });
        return List.of(new ResultElement(FORM, List.of(result(saved))));
    }

    private static P21Customer customer(P21State state, String text) {
        if (text == null || text.isBlank()) {
            throw new P21Rejection("Customer ID is required");
        }
        return P21OrderService.customerId(text).flatMap(state::customer)
                .orElseThrow(() -> new P21Rejection("Customer ID " + text + " not found"));
    }

    private static P21Order order(P21State state, String orderNo, P21Customer customer) {
        P21Order order = state.order(orderNo).filter(o -> !o.rma())
                .orElseThrow(() -> new P21Rejection("Order No " + orderNo + " not found"));
        if (order.customerId() != customer.customerId()) {
            throw new P21Rejection("Order No " + orderNo + " belongs to customer " + order.customerId()
                    + ", not " + customer.customerId());
        }
        return order;
    }

    private static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            throw new P21Rejection("Receipt Amount is required");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new P21Rejection("Receipt Amount '" + text + "' is not a valid amount");
        }
        if (amount.signum() == 0) {
            throw new P21Rejection("Receipt Amount must not be zero");
        }
        return amount;
    }

    private static String limited(String text, int max, String field) {
        if (text != null && text.length() > max) {
            throw new P21Rejection(field + " must be at most " + max + " characters");
        }
        return text;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static Map<String, String> result(P21Receipt r) {
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("receipt_no", r.receiptNo());
        edits.put("customer_id", Long.toString(r.customerId()));
        putIfPresent(edits, "order_no", r.orderNo());
        putIfPresent(edits, "invoice_no", r.invoiceNo());
        edits.put("payment_type_id", r.paymentTypeId());
        edits.put("receipt_amount", r.receiptAmount().toPlainString());
        putIfPresent(edits, "check_no", r.checkNo());
        putIfPresent(edits, "description", r.description());
        edits.put("receipt_date", r.receiptDate().toString());
        return edits;
    }

    private static void putIfPresent(Map<String, String> edits, String name, String value) {
        if (value != null) {
            edits.put(name, value);
        }
    }
}
