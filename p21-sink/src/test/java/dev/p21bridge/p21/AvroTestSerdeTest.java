package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.Order;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroTestSerdeTest {

    private final AvroTestSerde<Order> serde = new AvroTestSerde<>(Order.class);

    @Test
    void shouldReadBackTheOrderItWrote() {
        Order order = SampleOrders.clarity();

        assertThat(serde.deserialize("t", serde.serialize("t", order))).isEqualTo(order);
    }

    @Test
    void shouldRefuseBytesThatAreNotAnOrder() {
        byte[] garbage = "this is not an order".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserialize("t", garbage)).isInstanceOf(SerializationException.class);
    }
}
