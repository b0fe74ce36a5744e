package dev.p21bridge.transformer.mapping;

import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.transformer.normalize.JsonFields;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.ReturnRequests;
import dev.p21bridge.transformer.normalize.SkuCrossReference;

/**
 * The mapped return a template produced (docs/mappings.md) into the canonical {@link ReturnRequest}: {@code returnId}
 * and {@code orderId} (required), {@code reason}, {@code requestedAt} (ISO-8601, required) and {@code lines}, each
 * {@code sku}, {@code quantity} and {@code unitPrice} (the refund per unit).
 */
final class MappedReturnReader {

    private final SkuCrossReference skus;

    MappedReturnReader(SkuCrossReference skus) {
        this.skus = skus;
    }

    ReturnRequest read(RawEvent event, JsonFields json) {
        String returnId = ReturnRequests.returnId(json, "returnId");
        String orderId = json.id("orderId");
        return ReturnRequests.of(event, orderId, returnId, json.optionalText("reason"), json.instant("requestedAt"),
                ReturnRequests.lines(json, "lines", "quantity", "unitPrice", skus));
    }
}
