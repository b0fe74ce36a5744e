package dev.p21bridge.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldDeclareEveryTopicOfTheContract() {
        List<String> names = Topics.all().stream().map(Topic::name).toList();
        assertThat(names).contains("raw.xcart", "raw.clarity", "raw.p21", "canonical.orders", "canonical.customers",
                "canonical.inventory", "canonical.shipments", "canonical.products", "canonical.payments",
                "canonical.returns", "canonical.order-confirmations", "canonical.order-status", "canonical.invoices",
                "canonical.payment-receipts", "canonical.reconciliation", "dlq.transformer", "dlq.p21-sink",
                "dlq.storefront-sink", "retry.p21-sink.1", "retry.p21-sink.2", "retry.p21-sink.3",
                "retry.storefront-sink.1", "retry.storefront-sink.2", "retry.storefront-sink.3");
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void shouldCompactTheTopicsKeyedBySku() {
        assertThat(Topics.CANONICAL_INVENTORY.compacted()).isTrue();
        assertThat(Topics.CANONICAL_PRODUCTS.compacted()).isTrue();
        assertThat(Topics.CANONICAL_ORDERS.compacted()).isFalse();
    }

    @Test
    void shouldCompactTheReconciliationAndPartitionItAsTheTopicsItIsComputedFrom() {
        assertThat(Topics.CANONICAL_RECONCILIATION.compacted()).isTrue();
        assertThat(Topics.CANONICAL_RECONCILIATION.partitions()).isEqualTo(6)
                .isEqualTo(Topics.CANONICAL_ORDERS.partitions()).isEqualTo(Topics.CANONICAL_PAYMENTS.partitions())
                .isEqualTo(Topics.CANONICAL_PAYMENT_RECEIPTS.partitions())
                .isEqualTo(Topics.CANONICAL_INVOICES.partitions())
                .isEqualTo(Topics.CANONICAL_ORDER_CONFIRMATIONS.partitions());
    }

    @Test
    void shouldCompactTheHoldsAndPartitionThemAsTheP21SinksOtherTopics() {
        assertThat(Topics.HOLDS.compacted()).isTrue();
        assertThat(Topics.HOLDS.partitions()).isEqualTo(Topics.CANONICAL_ORDERS.partitions())
                .isEqualTo(Topics.retry("p21-sink", 1).partitions());
        assertThat(Topics.all()).contains(Topics.HOLDS);
    }

    @Test
    void shouldKeepRawEventsLongerThanTheStorefrontsRedeliver() {
        assertThat(Topics.RAW_XCART.retention().toDays()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldStoreTheCanonicalTopicsInGzipAndLeaveTheInternalOnesToTheirProducers() {
        Topics.all().forEach(topic -> assertThat(topic.storedCompression())
                .as(topic.name())
                .isEqualTo(topic.name().startsWith("canonical.") ? Optional.of("gzip") : Optional.empty()));
        assertThat(Topics.CANONICAL_ORDERS.storedCompression()).contains("gzip");
        assertThat(Topics.RAW_XCART.storedCompression()).isEmpty();
        assertThat(Topics.retry("p21-sink", 1).storedCompression()).isEmpty();
    }
}
