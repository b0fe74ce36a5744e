package dev.p21bridge.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.KafkaConfig;
import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {

    private static KafkaConfig kafka(Properties passThrough) {
        return new KafkaConfig("localhost:9092", URI.create("http://localhost:8081"), (short) 1, 1, passThrough);
    }

    @Test
    void shouldSendGzipToCanonicalTopicsAsTheBrokerStoresThemAndLz4Elsewhere() {
        assertThat(ClientProperties.canonicalProducer(kafka(new Properties()), "c"))
                .containsEntry("compression.type", "gzip").containsEntry("acks", "all");
        assertThat(ClientProperties.durableProducer(kafka(new Properties()), "d"))
                .containsEntry("compression.type", "lz4").containsEntry("acks", "all");
    }

    @Test
    void shouldLetAnOperatorsCompressionWin() {
        Properties passThrough = new Properties();
        passThrough.setProperty("compression.type", "zstd");
        assertThat(ClientProperties.canonicalProducer(kafka(passThrough), "c")).containsEntry("compression.type", "zstd");
    }
}
