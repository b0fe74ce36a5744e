package dev.p21bridge.p21;

import dev.p21bridge.p21client.TransactionSet.DataElement;
import dev.p21bridge.p21client.TransactionSet.Edit;
import dev.p21bridge.p21client.TransactionSet;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns storefront money and returns into Transaction API sets (docs/cash-and-returns.md, docs/p21-cash.md): a
 * captured or refunded payment into one cash receipt ({@code CashReceipt}), a return into one RMA ({@code RMA}). The
 * storefront transaction id goes to the receipt's {@code check_no} and the order key to its {@code description},
 * the return's key to the RMA's {@code web_reference_no}: that is how the sink finds what it wrote before.
 */
public final class P21CashMapper {

    public static final String RECEIPT_SERVICE = "CashReceipt";
    public static final String RECEIPT_HEADER = "TABPAGE_1.receipt";
    public static final String RMA_SERVICE = "RMA";

    /** One RMA line: the P21 line number, the item, how many come back and the price they were invoiced at. */
    public record RmaLine(int lineNo, String itemId, BigDecimal quantity, BigDecimal unitPrice) {
    }

    private final PaymentMapping mapping;

    public P21CashMapper(PaymentMapping mapping) {
        this.mapping = mapping;
    }

    /** The cash receipt of {@code payment} against P21 order {@code orderNo} (and its invoice, once there is one). */
    public TransactionSet receipt(PaymentCapture payment, String orderNo, Optional<String> customerId,
                                  Optional<String> invoiceNo) {
        List<Edit> edits = new ArrayList<>();
        customerId.ifPresent(id -> edits.add(new Edit("customer_id", id)));
        edits.add(new Edit("order_no", orderNo));
        invoiceNo.ifPresent(no -> edits.add(new Edit("invoice_no", no)));
        edits.add(new Edit("payment_type_id", mapping.paymentTypeFor(payment.getPayment().getMethod())));
        edits.add(new Edit("receipt_amount", payment.getPayment().getAmount().stripTrailingZeros().toPlainString()));
        edits.add(new Edit("check_no", payment.getPayment().getTransactionId()));
        edits.add(new Edit("description", payment.getOrderKey()));
        edits.add(new Edit("receipt_date", payment.getCapturedAt().atZone(ZoneOffset.UTC).toLocalDate().toString()));
        return TransactionSet.newRecord(RECEIPT_SERVICE, List.of(DataElement.form(RECEIPT_HEADER, edits)));
    }

    /** The RMA of {@code request} against the original P21 order {@code orderNo}. */
    public TransactionSet rma(ReturnRequest request, String orderNo, Optional<String> customerId, List<RmaLine> lines) {
        List<Edit> header = new ArrayList<>();
        customerId.ifPresent(id -> header.add(new Edit("customer_id", id)));
        header.add(new Edit("original_order_no", orderNo));
        header.add(new Edit("web_reference_no", rmaReference(request)));
        header.add(new Edit("po_no", "RETURN " + request.getReturnId()));
        List<List<Edit>> rows = new ArrayList<>();
        for (RmaLine line : lines) {
            rows.add(List.of(new Edit("line_no", Integer.toString(line.lineNo())),
                    new Edit("oe_order_item_id", line.itemId()),
                    new Edit("unit_quantity", line.quantity().stripTrailingZeros().toPlainString()),
                    new Edit("unit_price", line.unitPrice().stripTrailingZeros().toPlainString())));
        }
        return TransactionSet.newRecord(RMA_SERVICE, List.of(DataElement.form(P21OrderMapper.ORDER_HEADER, header),
                DataElement.list(P21OrderMapper.ORDER_ITEMS, rows)));
    }

    /** {@code <source>:<order id>:<return id>}: the RMA's {@code web_reference_no}, one RMA per storefront return. */
    public static String rmaReference(ReturnRequest request) {
        return request.getOrderKey() + ":" + request.getReturnId();
    }
}
