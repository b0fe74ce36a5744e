package dev.p21bridge.transformer;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;

/**
 * What the normalizer makes of one raw event, routed by type to its canonical topic or to the dead letters. Lives
 * only between processors of one sub-topology, so it is never serialized.
 */
public sealed interface Normalized {

    record NormalizedOrder(Order order) implements Normalized {
    }

    record NormalizedCustomer(Customer customer) implements Normalized {
    }

    /** The raw value of a record that failed; its headers carry the reason. */
    record Rejected(byte[] rawValue) implements Normalized {
    }
}
