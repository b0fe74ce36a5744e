package dev.p21bridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class BrokerPortsTest {

    @Test
    void shouldChooseFreePortsBelowTheEphemeralRange() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = BrokerPorts.freePort();
            assertThat(port).isBetween(BrokerPorts.PINNABLE_FROM, BrokerPorts.PINNABLE_TO - 1);
            BrokerPorts.requireFree(port, "chosen");
        }
    }

    @Test
    void shouldNameThePortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> BrokerPorts.requireFree(taken.getLocalPort(), "Kafka controller"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka controller port " + taken.getLocalPort() + " is already in use");
        }
    }
}
