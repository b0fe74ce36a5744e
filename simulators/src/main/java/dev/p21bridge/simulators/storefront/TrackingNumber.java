package dev.p21bridge.simulators.storefront;

import java.time.Instant;

/** A parcel tracking number set on an order; {@code id} is unique within one simulator. */
public record TrackingNumber(long id, String value, Instant date) {
}
