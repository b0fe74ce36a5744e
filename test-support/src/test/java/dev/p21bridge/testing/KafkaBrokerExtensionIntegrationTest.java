package dev.p21bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionIntegrationTest {

    private static TestKafka fromBeforeAll;
    private final TestKafka fromConstructor;

    KafkaBrokerExtensionIntegrationTest(TestKafka kafka) {
        this.fromConstructor = kafka;
    }

    @BeforeAll
    static void setUp(TestKafka kafka) {
        fromBeforeAll = kafka;
    }

    @Test
    void shouldHandTheSameAnsweringBrokerToBeforeAllTheConstructorAndTheTest(TestKafka kafka) throws Exception {
        assertThat(kafka).isSameAs(fromBeforeAll).isSameAs(fromConstructor);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
        }
    }

    @Test
    void shouldKeepTheSameBrokerForEveryTestOfTheClass(TestKafka kafka) {
        assertThat(kafka).isSameAs(fromBeforeAll);
    }

    @Nested
    class WhenNested {

        @Test
        void shouldShareTheBrokerOfTheEnclosingClass(TestKafka kafka) {
            assertThat(kafka).isSameAs(fromBeforeAll);
        }
    }
}
