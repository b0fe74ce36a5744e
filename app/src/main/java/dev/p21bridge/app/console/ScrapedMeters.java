package dev.p21bridge.app.console;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of services in other processes, read from their {@code GET /metrics} at each {@link #refresh()} into a
 * registry of their own, so a {@link MeterQuery} reads them as it reads the meters of this JVM. Only the meter names
 * asked for are kept (a service's page also carries hundreds of JVM and Kafka client series). A service that does
 * not answer is unknown, not zero: {@link #answers} says so, its series read NaN, and the outage is logged once when
 * it starts and once when it ends.
 */
final class ScrapedMeters {

    private static final Logger log = LoggerFactory.getLogger(ScrapedMeters.class);

    private final Map<String, URI> endpoints;
    private final Set<String> names;
    private final Duration timeout;
    private final HttpClient http;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, Map<String, Value>> series = new ConcurrentHashMap<>();
    private final Map<String, Boolean> answering = new ConcurrentHashMap<>();

    /** The value a scraped meter reads: written at each refresh, NaN while unknown. */
    private static final class Value {
        private volatile double value = Double.NaN;
    }

    /**
     * @param endpoints each service's metrics URL, by service name
     * @param names     the Micrometer names to keep
     * @param timeout   for connecting and for the whole answer, per service
     */
    ScrapedMeters(Map<String, URI> endpoints, Set<String> names, Duration timeout) {
        this.endpoints = Map.copyOf(endpoints);
        this.names = Set.copyOf(names);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Whether {@code service}'s meters are scraped (rather than read in this JVM or not at all). */
    boolean covers(String service) {
        return service != null && endpoints.containsKey(service);
    }

    /** Whether {@code service} answered its last scrape; false before the first. */
    boolean answers(String service) {
        return Boolean.TRUE.equals(answering.get(service));
    }

    /** Scrapes every service once, one after the other; never throws. */
    void refresh() {
        endpoints.forEach(this::refresh);
    }

    private void refresh(String service, URI uri) {
        String text;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            text = response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            unknown(service);
            if (!Boolean.FALSE.equals(answering.put(service, false))) {
                log.warn("the metrics of {} at {} did not answer ({}); its flows show no metrics until they do",
                        service, uri, e.toString());
            }
            return;
        }
        update(service, PrometheusText.parse(text));
        if (Boolean.FALSE.equals(answering.put(service, true))) {
            log.info("the metrics of {} at {} answer again", service, uri);
        }
    }

    private void update(String service, List<PrometheusText.Series> scraped) {
        Map<String, Value> known = series.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
        Set<String> seen = new HashSet<>();
        for (PrometheusText.Series one : scraped) {
            String name = one.meterName();
            if (names.contains(name)) {
                String key = name + new TreeMap<>(one.labels());
                seen.add(key);
                known.computeIfAbsent(key, k -> register(name, one)).value = one.value();
            }
        }
        // a series the service no longer shows (a meter removed) is unknown rather than frozen at its last value
        known.forEach((key, value) -> {
            if (!seen.contains(key)) {
                value.value = Double.NaN;
            }
        });
    }

    private Value register(String name, PrometheusText.Series one) {
        Value value = new Value();
        List<Tag> tags = new ArrayList<>();
        new LinkedHashMap<>(one.labels()).forEach((key, text) -> tags.add(Tag.of(key, text)));
        if (one.isCounter()) {
            FunctionCounter.builder(name, value, v -> v.value).tags(tags).register(registry);
        } else {
            Gauge.builder(name, value, v -> v.value).tags(tags).register(registry);
        }
        return value;
    }

    private void unknown(String service) {
        series.getOrDefault(service, Map.of()).values().forEach(value -> value.value = Double.NaN);
    }
}
