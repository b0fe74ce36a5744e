package dev.p21bridge.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * What a released version left behind, for {@link UpgradeIntegrationTest} (docs/upgrading.md): the files under
 * {@code sandbox/src/test/resources/upgrade/<version>/}, written by {@link UpgradeFixtureWriter} on that version.
 * <ul>
 *   <li>{@value #DATA}: the bridge's data directory ({@code bridge/}: Kafka's log, the storefront simulators' state,
 *       the admin token; not the Streams state, which the services rebuild from their changelogs) and P21's
 *       ({@code p21/}: the P21 simulator's saved database), after a clean stop;</li>
 *   <li>{@value #FACTS}: the orders and what happened to them, the roles the test gives some of them, and the end
 *       offsets of the contract's topics at the stop ({@link Facts});</li>
 *   <li>{@value #WEBHOOKS}: the order webhooks the storefronts sent, to deliver again;</li>
 *   <li>{@value #P21_ORDERS} and {@value #P21_CUSTOMERS}: P21's {@code GET /sim/orders} and {@code /sim/customers}
 *       at the stop, for people reading the fixture and for the test's check that P21 came back as it was.</li>
 * </ul>
 */
final class UpgradeFixture {

    static final String DATA = "data.tar.gz";
    static final String FACTS = "fixture.json";
    static final String WEBHOOKS = "webhooks.json";
    static final String P21_ORDERS = "p21-orders.json";
    static final String P21_CUSTOMERS = "p21-customers.json";
    /** Inside {@value #DATA}: the bridge's data directory and P21's. */
    static final String BRIDGE_DIR = "bridge";
    static final String P21_DIR = "p21";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private UpgradeFixture() {
    }

    /**
     * The orders of one store at the stop, by storefront order id. {@code toUpdate}, {@code toCancel} and
     * {@code toShip} are open orders (in P21, not shipped, not cancelled, not held) left for the test to change;
     * {@code toUpdate} with its first line's SKU and quantity.
     */
    record StoreFacts(List<String> orders, List<String> cancelled, List<String> captured,
                      Map<String, String> shippedWithTracking, LineToChange toUpdate, String toCancel, String toShip) {
    }

    record LineToChange(String orderId, String sku, int quantity) {
    }

    /**
     * What the fixture holds. {@code endOffsets}: per topic, the end offset of each partition at the stop; what a
     * version that resumed from its committed offsets writes lands after them.
     */
    record Facts(String version, String commit, String writtenAt, Map<String, StoreFacts> stores,
                 Map<String, List<Long>> endOffsets) {

        StoreFacts store(String name) {
            StoreFacts facts = stores.get(name);
            if (facts == null) {
                throw new IllegalStateException("the fixture of " + version + " has no store " + name);
            }
            return facts;
        }
    }

    /** One webhook as the ingress received it: its event id and type, and the body byte for byte (UTF-8 JSON). */
    record Webhook(String store, String eventId, String eventType, String body) {
    }

    static Facts facts(String version) {
        return read(version, FACTS, Facts.class);
    }

    static List<Webhook> webhooks(String version) {
        return List.of(read(version, WEBHOOKS, Webhook[].class));
    }

    /** Unpacks the version's {@value #DATA} into {@code target}: {@code target/bridge} and {@code target/p21}. */
    static void unpack(String version, Path target) {
        try (InputStream in = resource(version, DATA);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            Path root = target.toAbsolutePath().normalize();
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root)) {
                    throw new IllegalStateException(DATA + " of " + version + " names a path outside it: "
                            + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + DATA + " of " + version, e);
        }
    }

    /**
     * Packs {@code dirs} (name in the archive to directory) into {@code archive}, without the files {@code leaveOut}
     * refuses (given their path relative to their directory), in a stable order.
     */
    static void pack(Map<String, Path> dirs, Predicate<Path> leaveOut, Path archive) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, Path> dir : dirs.entrySet()) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(dir.getValue())) {
                    files = walk.filter(Files::isRegularFile)
                            .filter(file -> !leaveOut.test(dir.getValue().relativize(file))).sorted().toList();
                }
                for (Path file : files) {
                    String name = dir.getKey() + "/" + dir.getValue().relativize(file).toString().replace('\\', '/');
                    TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name);
                    tar.putArchiveEntry(entry);
                    Files.copy(file, tar);
                    tar.closeArchiveEntry();
                }
            }
        }
    }

    private static <T> T read(String version, String name, Class<T> type) {
        try (InputStream in = resource(version, name)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " of the upgrade fixture " + version, e);
        }
    }

    private static InputStream resource(String version, String name) {
        String path = "/upgrade/" + version + "/" + name;
        InputStream in = UpgradeFixture.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("no " + path + " on the test classpath; UpgradeFixtureWriter writes it"
                    + " (docs/upgrading.md)");
        }
        return in;
    }
}
