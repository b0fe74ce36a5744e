package dev.p21bridge.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void shouldTellLoopbackFromEveryInterface() {
        assertThat(ListenAddress.LOOPBACK.isLoopback()).isTrue();
        assertThat(ListenAddress.parse("::1").isLoopback()).isTrue();
        assertThat(ListenAddress.EVERY_INTERFACE.isLoopback()).isFalse();
    }

    @Test
    void shouldGiveLocalClientsLocalhostUnlessBoundToOneOtherAddress() {
        assertThat(ListenAddress.LOOPBACK.urlHost()).isEqualTo("localhost");
        assertThat(ListenAddress.EVERY_INTERFACE.urlHost()).isEqualTo("localhost");
        assertThat(ListenAddress.parse("192.0.2.10").urlHost()).isEqualTo("192.0.2.10");
    }

    @Test
    void shouldRefuseTextThatIsNoAddressNamingIt() {
        assertThatThrownBy(() -> ListenAddress.parse("no-such-host.invalid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no-such-host.invalid'");
        assertThatThrownBy(() -> ListenAddress.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
