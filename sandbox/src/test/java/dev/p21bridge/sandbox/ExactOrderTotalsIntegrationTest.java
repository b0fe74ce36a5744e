package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21OrderLine;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderGenerator;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The done-when of exact orders: a thousand generated orders from both stores, coupons, free shipping, tax-exempt
 * buyers and one item on two lines among them, each invoiced by P21 at what the shopper paid, to the cent, with its
 * item lines as the store sold them. The P21 simulator computes its totals from what the bridge sent, so a mapping
 * that loses a discount, merges two lines or drops the tax shows here as a wrong total.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class ExactOrderTotalsIntegrationTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExactOrderTotalsIntegrationTest.class);
    private static final int PER_STORE = 500;

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    @Test
    void everyGeneratedOrderIsInvoicedByP21AtTheStorefrontTotalWithItsLinesItemByItem() {
        long started = System.nanoTime();
        List<String> xcartIds = bridge.system().xcart().checkout(CheckoutRequest.of(PER_STORE));
        List<String> clarityIds = bridge.system().clarity().checkout(CheckoutRequest.of(PER_STORE));
        assertThat(xcartIds).hasSize(PER_STORE);
        assertThat(clarityIds).hasSize(PER_STORE);

        Await.until(Duration.ofMinutes(4), () -> created(xcartIds, clarityIds) == 2 * PER_STORE,
                () -> "P21 orders for the placed ones: " + created(xcartIds, clarityIds) + " of " + 2 * PER_STORE);
        LOG.info("{} orders placed and in P21 in {} ms", 2 * PER_STORE, (System.nanoTime() - started) / 1_000_000);

        Map<String, P21Order> byReference = byReference();
        Coverage coverage = new Coverage();
        assertExact(bridge.system().xcart(), "xcart", xcartIds, byReference, coverage);
        assertExact(bridge.system().clarity(), "clarity", clarityIds, byReference, coverage);
        LOG.info("covered: {}", coverage);
        assertThat(coverage.coupons).as("orders with a coupon").isPositive();
        assertThat(coverage.freeShipping).as("orders shipped free").isPositive();
        assertThat(coverage.taxExempt).as("orders of tax-exempt buyers").isPositive();
        assertThat(coverage.repeatedItems).as("orders with one item on two lines").isPositive();
    }

    private static void assertExact(StorefrontSimulator store, String source, List<String> ids,
                                    Map<String, P21Order> byReference, Coverage coverage) {
        for (String id : ids) {
            Order placed = store.order(id).orElseThrow().order();
            P21Order created = byReference.get(source + ":" + id);
            String what = source + ":" + id;
            assertThat(created).as("P21 order for %s", what).isNotNull();
            assertThat(cents(created.total())).as("P21 total of %s", what).isEqualTo(cents(placed.total()));
            assertThat(cents(created.merchandise())).as("merchandise of %s", what).isEqualTo(cents(placed.subtotal()));
            assertThat(cents(created.discount())).as("discount of %s", what).isEqualTo(cents(placed.discount()));
            assertThat(cents(created.freightOut())).as("freight of %s", what).isEqualTo(cents(placed.shipping()));
            assertThat(cents(created.taxAmount())).as("tax of %s", what).isEqualTo(cents(placed.tax()));
            assertThat(created.shipVia()).as("ship via of %s", what).isNotBlank();
            List<P21OrderLine> items = created.lines().stream().filter(l -> !l.otherCharge()).toList();
            assertThat(items).as("item lines of %s", what).hasSameSizeAs(placed.lines());
            for (int i = 0; i < placed.lines().size(); i++) {
                OrderLine want = placed.lines().get(i);
                P21OrderLine got = items.get(i);
                assertThat(got.lineNo()).as("line_no of line %d of %s", i + 1, what).isEqualTo(i + 1);
                assertThat(got.itemId()).as("item of line %d of %s", i + 1, what)
                        .isEqualTo(want.sku().strip().toUpperCase(Locale.ROOT));
                assertThat(got.qtyOrdered()).as("quantity of line %d of %s", i + 1, what)
                        .isEqualByComparingTo(BigDecimal.valueOf(want.quantity()));
                assertThat(got.unitPrice()).as("price of line %d of %s", i + 1, what).isEqualByComparingTo(want.price());
            }
            coverage.count(placed);
        }
    }

    private static int created(List<String> xcartIds, List<String> clarityIds) {
        Map<String, P21Order> orders = byReference();
        int found = 0;
        for (String id : xcartIds) {
            found += orders.containsKey("xcart:" + id) ? 1 : 0;
        }
        for (String id : clarityIds) {
            found += orders.containsKey("clarity:" + id) ? 1 : 0;
        }
        return found;
    }

    private static Map<String, P21Order> byReference() {
        Map<String, P21Order> byReference = new HashMap<>();
        for (P21Order order : bridge.system().p21().orders()) {
            assertThat(byReference.put(order.webReferenceNo(), order)).as("duplicate web_reference_no %s",
                    order.webReferenceNo()).isNull();
        }
        return byReference;
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** How many of the orders had each hard case, so the test proves it met them. */
    private static final class Coverage {
        int coupons;
        int freeShipping;
        int taxExempt;
        int repeatedItems;

        void count(Order order) {
            coupons += order.discount().signum() > 0 ? 1 : 0;
            freeShipping += OrderGenerator.FREE_SHIPPING_COUPON.equals(order.couponCode()) ? 1 : 0;
            taxExempt += OrderGenerator.taxExempt(order.customer()) ? 1 : 0;
            long distinct = new HashSet<>(order.lines().stream().map(l -> l.sku().strip().toUpperCase(Locale.ROOT)).toList()).size();
            repeatedItems += distinct < order.lines().size() ? 1 : 0;
        }

        @Override
        public String toString() {
            return "coupons=" + coupons + ", freeShipping=" + freeShipping + ", taxExempt=" + taxExempt
                    + ", repeatedItems=" + repeatedItems;
        }
    }
}
