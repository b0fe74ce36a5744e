package dev.p21bridge.bench;

import dev.p21bridge.ingress.WebhookIngress;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The ingress benchmark's baseline: a Javalin endpoint that does nothing but write the body to Kafka and answer
 * 202 once Kafka acknowledged it. Same producer settings as the ingress (acks=all, idempotent, lz4, linger 2 ms),
 * same topic, and the webhook id as key so records spread over the partitions as the ingress's do; no signature,
 * header or JSON checks, no metrics, no record headers.
 */
final class BareKafkaEndpoint implements AutoCloseable {

    static final String PATH = "/bare";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Javalin app;

    private BareKafkaEndpoint(KafkaConfig kafka, String topic) {
        this.producer = new KafkaProducer<>(ClientProperties.durableProducer(kafka, "bench-bare-endpoint"));
        this.topic = topic;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // the ingress's server settings, so the comparison is about the webhook handling alone
            cfg.http.responseBufferSize = WebhookIngress.RESPONSE_COPY_BYTES;
            cfg.routes.post(PATH, ctx -> {
                CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
                producer.send(new ProducerRecord<>(this.topic, ctx.header("X-Webhook-Id"), ctx.bodyAsBytes()),
                        (metadata, error) -> {
                            if (error == null) {
                                ack.complete(metadata);
                            } else {
                                ack.completeExceptionally(error);
                            }
                        });
                ctx.future(() -> ack.handle((metadata, error) -> {
                    if (error == null) {
                        ctx.status(202).result(("{\"offset\":" + metadata.offset() + "}")
                                .getBytes(StandardCharsets.UTF_8));
                    } else {
                        ctx.status(503).result(error.toString());
                    }
                    return null;
                }));
            });
        });
    }

    static BareKafkaEndpoint start(KafkaConfig kafka, String topic) {
        BareKafkaEndpoint endpoint = new BareKafkaEndpoint(kafka, topic);
        endpoint.producer.partitionsFor(topic);
        endpoint.app.start(0);
        return endpoint;
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        producer.close();
    }
}
