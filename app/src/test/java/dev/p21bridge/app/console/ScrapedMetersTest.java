package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A service that stops answering is logged once when the outage starts and once when it ends, not at each sample. */
class ScrapedMetersTest {

    private final AtomicBoolean up = new AtomicBoolean(true);
    private final Javalin service = Javalin.create(cfg -> {
        cfg.startup.showJavalinBanner = false;
        cfg.routes.get("/metrics", ctx -> {
            if (up.get()) {
                ctx.result("# TYPE p21_orders_total counter\np21_orders_total{outcome=\"created\"} 5.0\n");
            } else {
                ctx.status(503);
            }
        });
    }).start("127.0.0.1", 0);
    private final Logger logger = (Logger) LoggerFactory.getLogger(ScrapedMeters.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
        service.stop();
    }

    @Test
    void shouldLogAnOutageOnceAtEachEdgeAndReadNaNWhileItLasts() {
        lines.start();
        logger.addAppender(lines);
        ScrapedMeters meters = new ScrapedMeters(Map.of("p21-sink",
                URI.create("http://127.0.0.1:" + service.port() + "/metrics")), Set.of("p21.orders"), Duration.ofSeconds(2));
        MeterQuery created = MeterQuery.done("p21.orders", Map.of());

        meters.refresh();
        assertThat(meters.answers("p21-sink")).isTrue();
        assertThat(created.total(meters.registry())).isEqualTo(5.0);

        up.set(false);
        meters.refresh();
        meters.refresh();
        meters.refresh();
        assertThat(meters.answers("p21-sink")).isFalse();
        assertThat(created.total(meters.registry())).isNaN();
        up.set(true);
        meters.refresh();

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        assertThat(meters.registry().find("p21.orders").meters()).as("one meter, kept across the outage").hasSize(1);
        assertThat(created.total(meters.registry())).isEqualTo(5.0);
    }
}
