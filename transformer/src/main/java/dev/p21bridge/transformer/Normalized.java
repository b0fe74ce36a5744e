package dev.p21bridge.transformer;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.transformer.inventory.StockReading;

/**
 * What a normalizer makes of one raw event, routed by type to its canonical topic or to the dead letters. Lives
 * only between processors of one sub-topology, so it is never serialized.
 */
public sealed interface Normalized {

    record NormalizedOrder(Order order) implements Normalized {
    }

    record NormalizedCustomer(Customer customer) implements Normalized {
    }

    /** A storefront capture or refund that moved money. */
    record NormalizedPayment(PaymentCapture payment) implements Normalized {
    }

    /** A return requested on a storefront, on its way to a P21 RMA. */
    record NormalizedReturn(ReturnRequest returnRequest) implements Normalized {
    }

    /** A P21 invoice or credit memo of a storefront order. */
    record NormalizedInvoice(Invoice invoice) implements Normalized {
    }

    /** A P21 cash receipt recorded against a storefront order. */
    record NormalizedReceipt(PaymentReceipt receipt) implements Normalized {
    }

    /** A P21 item master change, one per storefront SKU of the item. */
    record NormalizedProduct(Product product) implements Normalized {
    }

    /** A P21 pick ticket of a storefront order. */
    record NormalizedShipment(Shipment shipment) implements Normalized {
    }

    /** A status change of a storefront order on the P21 side. */
    record NormalizedOrderStatus(OrderStatus status) implements Normalized {
    }

    /** A P21 stock reading of one item at one location, on its way to the inventory processor. */
    record NormalizedReading(StockReading reading) implements Normalized {
    }

    /** The raw value of a record that failed; its headers carry the reason. */
    record Rejected(byte[] rawValue) implements Normalized {
    }
}
