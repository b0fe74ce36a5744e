package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of P21's item master ({@code inv_mast}); {@code listPrice} is the default unit price of an order line. */
public record P21Item(long invMastUid, String itemId, String itemDesc, BigDecimal listPrice, Instant dateLastModified) {
}
