package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.P21OrderDefaults;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What P21 requires on a sales order that no storefront sends, from configuration. The requested date is the order
 * date (UTC) plus {@code requestedDateOffsetDays}, never less than one day, because P21 refuses a requested date
 * that is not after the order date.
 */
public record P21Defaults(String salesLocationId, String sourceLocationId, String taker, int requestedDateOffsetDays) {

    public P21Defaults {
        if (requestedDateOffsetDays < 1) {
            throw new IllegalArgumentException("requestedDateOffsetDays must be at least 1: P21 wants requested_date after order_date");
        }
    }

    public P21OrderDefaults forOrderDate(Instant orderDate) {
        return P21OrderDefaults.newBuilder()
                .setSalesLocationId(salesLocationId)
                .setSourceLocationId(sourceLocationId)
                .setTaker(taker)
                .setRequestedDate(orderDate.atZone(ZoneOffset.UTC).toLocalDate().plusDays(requestedDateOffsetDays))
                // set, not left to the builder: Avro copies a field's default through its schema on every build
                .setSalesRepId(null)
                .setShipViaId(null)
                .build();
    }
}
