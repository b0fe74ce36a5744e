package dev.p21bridge.ingress;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/<source>}: checks a delivery in the order of docs/contract.md, section 'Webhooks' (content
 * type, size, then {@link WebhookValidator}), writes it to the raw topic and answers 202 only once Kafka acknowledged
 * it. No thread waits for the acknowledgement: the request is suspended ({@link Context#future}) and answered from
 * {@code replies} when the producer callback or the ack timeout completes it. Each rejection is logged in one line
 * with its reason and the event id, never with the body.
 */
final class WebhookEndpoint implements Handler {

    /** The 202 answer. */
    record Receipt(String eventId, String topic, int partition, long offset) {
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    /** How much of a refused body is read so its answer arrives; beyond this the connection is closed unread. */
    private static final long MAX_DISCARDED_BYTES = 16L * 1_048_576;

    private final WebhookValidator validator;
    private final RawEventWriter writer;
    private final WebhookMetrics metrics;
    private final int maxBodyBytes;
    private final Executor replies;
    private final ScheduledExecutorService timers;
    private final Duration bodyTimeout;

    WebhookEndpoint(WebhookValidator validator, RawEventWriter writer, WebhookMetrics metrics, long maxBodyBytes,
                    Executor replies, ScheduledExecutorService timers, Duration bodyTimeout) {
        this.validator = validator;
        this.writer = writer;
        this.metrics = metrics;
        this.maxBodyBytes = Math.toIntExact(maxBodyBytes);
        this.replies = replies;
        this.timers = timers;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public void handle(Context ctx) {
        long received = System.nanoTime();
        // every read of the body below, kept or discarded, must end before the deadline or the connection is closed
        BodyDeadline deadline = BodyDeadline.start(timers, bodyTimeout, ctx.req());
        byte[] body = null;
        Rejection refused = null;
        metrics.readingStarted();
        try {
            body = readBody(ctx);
        } catch (IOException e) {
            // the sender's fault or the network's, never the ingress's: a 4xx, logged as a rejection, not an error
            refused = Rejection.BODY_INCOMPLETE;
        } catch (RefusedBody e) {
            refused = e.rejection;
        } finally {
            metrics.readingEnded();
            deadline.settle();
        }
        if (deadline.expired()) {
            // the connection is closed, so nobody reads this answer; it is counted and logged all the same
            reject(ctx, Rejection.BODY_TIMEOUT);
            return;
        }
        if (refused != null) {
            reject(ctx, refused);
            return;
        }
        WebhookVerdict verdict = validator.validate(new WebhookRequest(ctx.header(WebhookRequest.SIGNATURE_HEADER),
                ctx.header(WebhookRequest.ID_HEADER), ctx.header(WebhookRequest.EVENT_HEADER), body));
        if (verdict instanceof Rejection rejection) {
            reject(ctx, rejection);
            return;
        }
        if (verdict instanceof Refusal refusal) {
            reject(ctx, refusal.rejection(), refusal.body());
            return;
        }
        AcceptedWebhook webhook = (AcceptedWebhook) verdict;
        CompletableFuture<RecordMetadata> ack = writer.write(webhook);
        ctx.future(() -> ack.handleAsync((metadata, error) -> {
            answer(ctx, webhook, received, metadata, error);
            return null;
        }, replies));
    }

    /** A body refused before or while it was read (415, 413), its rest already discarded. */
    private static final class RefusedBody extends Exception {
        private final Rejection rejection;

        RefusedBody(Rejection rejection) {
            super(rejection.reason(), null, false, false);
            this.rejection = rejection;
        }
    }

    /**
     * The body in the order of docs/contract.md, section 'Webhooks': content type, then size (declared, then as
     * read).
     */
    private byte[] readBody(Context ctx) throws IOException, RefusedBody {
        if (!WebhookValidator.isJsonContentType(ctx.contentType())) {
            discardRest(ctx, false);
            throw new RefusedBody(Rejection.UNSUPPORTED_MEDIA_TYPE);
        }
        long declaredLength = ctx.req().getContentLengthLong();
        if (declaredLength > maxBodyBytes) {
            // before the input stream is asked for: Jetty answers an Expect: 100-continue as soon as it is
            discardRest(ctx, false);
            throw new RefusedBody(Rejection.TOO_LARGE);
        }
        byte[] body = RequestBody.read(ctx.req().getInputStream(), declaredLength, maxBodyBytes);
        if (body == null) {
            // a body without a declared length, read up to one byte past the limit: the rest is still arriving
            discardRest(ctx, true);
            throw new RefusedBody(Rejection.TOO_LARGE);
        }
        return body;
    }

    /**
     * Reads what is left of a refused body (all of it for a 415 or a 404, the rest past the limit for a 413) before the
     * answer goes out ({@link RequestBody#discard}); when it is longer than {@link #MAX_DISCARDED_BYTES}, or the client
     * vanished, the answer closes the connection instead. A client that sent {@code Expect: 100-continue} sends no
     * body until Jetty answers {@code 100 Continue}, which it does once the input stream is asked for; so unless
     * reading has begun there is nothing arriving, and reading would only make it upload a body to be refused.
     */
    static void discardRest(Context ctx, boolean readingBegun) {
        if (!readingBegun && "100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            // a client may send the body anyway once it has the answer; it must not be read as the next request
            ctx.header("Connection", "close");
            return;
        }
        boolean ended;
        try {
            ended = RequestBody.discard(ctx.req().getInputStream(), ctx.req().getContentLengthLong(),
                    MAX_DISCARDED_BYTES);
        } catch (IOException e) {
            ended = false;
        }
        if (!ended) {
            ctx.header("Connection", "close");
        }
    }

    private void answer(Context ctx, AcceptedWebhook webhook, long received, RecordMetadata metadata,
                        Throwable error) {
        if (error == null) {
            metrics.accepted(webhook.event(), received);
            ctx.status(202).json(new Receipt(webhook.eventId(), metadata.topic(), metadata.partition(),
                    metadata.offset()));
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        metrics.rejected(Rejection.KAFKA_UNAVAILABLE);
        String why = cause instanceof TimeoutException ? "no acknowledgement within the ack timeout"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        log.warn("webhook not stored: store={} reason={} eventId={} error={}", validator.store(),
                Rejection.KAFKA_UNAVAILABLE.reason(), SenderText.echoable(webhook.eventId()), why);
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        write(ctx, Rejection.KAFKA_UNAVAILABLE);
    }

    private void reject(Context ctx, Rejection rejection) {
        reject(ctx, rejection, rejection.body());
    }

    private void reject(Context ctx, Rejection rejection, byte[] body) {
        metrics.rejected(rejection);
        log.info("webhook rejected: store={} reason={} status={} eventId={}", validator.store(),
                rejection.reason(), rejection.status(), SenderText.echoable(ctx.header(WebhookRequest.ID_HEADER)));
        ctx.status(rejection.status()).contentType("application/json").result(body);
    }

    static void write(Context ctx, Rejection rejection) {
        ctx.status(rejection.status()).contentType("application/json").result(rejection.body());
    }
}
