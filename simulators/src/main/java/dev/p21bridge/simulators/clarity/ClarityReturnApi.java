package dev.p21bridge.simulators.clarity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.CallLog;
import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.StorefrontSimulator.OrderChangeRefused;
import dev.p21bridge.simulators.storefront.StorefrontState;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * {@code PATCH /API-Storefront/Providers/Returning/Actions/Refunded/{returnId}} {@code {"RefundAmount": "49.90"}}:
 * the bridge marks a return refunded, behind the same bearer token as {@link ClarityApi}. <b>Inferred</b>: Clarity's
 * returns provider has a Refunded action, but its public material shows no request shape. The first call records a
 * refund and sends {@code payment.captured} with a negative {@code amount}; the same call again answers the same
 * and changes nothing. The order's payment status stays as it was.
 */
final class ClarityReturnApi {

    private static final String ROUTE = "/API-Storefront/Providers/Returning/Actions/Refunded/{returnId}";

    private final StorefrontState state;
    private final CashDesk cash;
    private final ClarityOrderGenerator generator;
    private final CallLog calls;

    ClarityReturnApi(StorefrontState state, CashDesk cash, ClarityOrderGenerator generator, CallLog calls) {
        this.state = state;
        this.cash = cash;
        this.generator = generator;
        this.calls = calls;
    }

    /** Call after {@link ClarityApi#install}, whose {@code before} handler authenticates every route. */
    void install(JavalinConfig cfg) {
        cfg.routes.patch(ROUTE, this::refunded);
    }

    private void refunded(Context ctx) {
        String returnId = ctx.pathParam("returnId");
        String orderId = generator.returnNumber(returnId).stream().boxed().findFirst()
                .flatMap(state::orderOfReturn).orElse("return:" + returnId);
        calls.order(orderId, "Refunded");
        Optional<JsonNode> body = ClarityApi.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        BigDecimal amount = CashDesk.amount(body.get().path("RefundAmount"));
        if (amount == null) {
            ClarityApi.fail(ctx, 400, "RefundAmount must be a decimal amount greater than 0, e.g. \"49.90\"");
            return;
        }
        try {
            CashDesk.Refunded refunded = cash.refund(null, returnId, amount);
            ObjectNode result = JsonNodeFactory.instance.objectNode()
                    .put("ID", returnId.strip())
                    .put("OrderID", refunded.order().id())
                    .put("Status", "Refunded")
                    .put("RefundAmount", ClarityOrderGenerator.money(refunded.refunded().refunded()));
            ClarityApi.succeed(ctx, result);
        } catch (OrderChangeRefused e) {
            ClarityApi.fail(ctx, e.status(), e.notFound() ? "Return " + returnId.strip() + " not found"
                    : e.getMessage());
        }
    }
}
