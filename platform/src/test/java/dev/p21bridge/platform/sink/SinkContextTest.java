package dev.p21bridge.platform.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SinkContextTest {

    private final SinkContext context = new SinkContext(new SinkSettings("p21-sink", "p21", RetryConfig.defaults()),
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
            new RetryBacklog(new MockConsumer<>("earliest")), new SimpleMeterRegistry(), Clock.systemUTC());

    @Test
    void shouldNameTheSinksRetryTopicsAndMetricsAfterItsSettings() {
        assertThat(context.router().topics()).first().isEqualTo("retry.p21-sink.1");
        assertThat(context.metric("retry.held")).isEqualTo("p21.retry.held");
    }

    @Test
    void shouldCloseTheResourcesTheSinkRegisteredLastFirstAndEachEvenWhenOneFails() {
        List<String> closed = new CopyOnWriteArrayList<>();
        context.closeOnStop(() -> closed.add("http"));
        context.closeOnStop(() -> {
            throw new IllegalStateException("already closed");
        });
        context.closeOnStop(() -> closed.add("flusher"));

        context.closeResources();
        context.closeResources();

        assertThat(closed).containsExactly("flusher", "http");
    }

    @Test
    void shouldKeepTheParkedKeysOfEverySourceTopicForTheLoop() {
        context.parked("canonical.shipments");
        context.parked("canonical.customers");

        assertThat(context.allParked()).hasSize(2);
    }
}
