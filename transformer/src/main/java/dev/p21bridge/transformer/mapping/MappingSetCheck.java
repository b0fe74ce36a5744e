package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code ./bridge mapping apply} checks before it publishes: the set compiles, and maps every bundled sample and
 * every payload of the operator's own {@code samples/<source>/} folder ({@code order.*.json}, {@code customer.*},
 * {@code payment.*}, {@code return.*}) to a valid canonical record. A set that fails is refused with the file (and
 * line) and the sample; the version in use keeps working.
 */
public final class MappingSetCheck {

    /** One sample mapped: its name and, when it failed, why. */
    public record SampleResult(String sample, String problem) {
        public boolean passed() {
            return problem == null;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> BUNDLED_SAMPLES = List.of("xcart/order.created.json",
            "clarity/order.created.json", "xcart/customer.created.json", "clarity/customer.created.json",
            "xcart/payment.captured.json", "clarity/payment.captured.json", "xcart/return.created.json",
            "clarity/return.created.json");
    /** A sample's event type by its file name: {@code order.big.json} is an order.created. */
    private static final Map<String, String> EVENT_OF_PREFIX = Map.of("order.", "order.created",
            "customer.", "customer.created", "payment.", "payment.captured", "return.", "return.created");
    private static final Instant CHECKED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private MappingSetCheck() {
    }

    /**
     * Compiles {@code set} and maps the bundled samples and those under {@code folder/samples}; the
     * results of every sample, passed or not.
     *
     * @throws MappingSetException when the set does not compile
     */
    public static List<SampleResult> check(MappingSet set, Path folder, P21Defaults defaults) {
        TemplateMapper mapper = new TemplateMapper(CompiledMappingSet.compile(set), SkuCrossReference.none(),
                defaults);
        List<SampleResult> results = new ArrayList<>();
        for (String sample : BUNDLED_SAMPLES) {
            try (InputStream in = MappingSetCheck.class.getResourceAsStream("/mapping/samples/" + sample)) {
                results.add(map(mapper, "bundled " + sample, sample.substring(0, sample.indexOf('/')),
                        eventOf(sample.substring(sample.indexOf('/') + 1)), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path samples = folder == null ? null : folder.resolve("samples");
        if (samples != null && Files.isDirectory(samples)) {
            try (Stream<Path> files = Files.walk(samples)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    Path relative = samples.relativize(file);
                    String event = eventOf(file.getFileName().toString());
                    if (relative.getNameCount() < 2 || event == null) {
                        continue;
                    }
                    results.add(map(mapper, "samples/" + relative.toString().replace('\\', '/'),
                            relative.getName(0).toString().toLowerCase(Locale.ROOT), event, Files.readAllBytes(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return results;
    }

    private static String eventOf(String fileName) {
        return EVENT_OF_PREFIX.entrySet().stream().filter(prefix -> fileName.startsWith(prefix.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static SampleResult map(TemplateMapper mapper, String name, String source, String eventType,
                                    byte[] payload) {
        Source known = RawEvent.STOREFRONTS.get(source);
        if (known == null) {
            return new SampleResult(name, "the folder names no known source (" + RawEvent.STOREFRONTS.keySet() + ")");
        }
        try {
            mapper.record(new RawEvent(known, eventType, "check", CHECKED_AT, JSON.readTree(payload)));
            return new SampleResult(name, null);
        } catch (IOException e) {
            return new SampleResult(name, "is not JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            return new SampleResult(name, e.getMessage());
        }
    }
}
