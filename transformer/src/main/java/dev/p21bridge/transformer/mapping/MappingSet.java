package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One version of the operator's mappings and rules: the files of a folder a merchant keeps in git, by their path in
 * it. {@code orders/<source>.jsonata} maps a source's order payload to the mapped order (docs/mappings.md), and
 * {@code customers/}, {@code payments/} and {@code returns/} its other events;
 * {@code rules/*.jsonata} change canonical orders after mapping, in the order of their names; {@code tables/*.csv}
 * are look-up tables; {@code risk/rules.json} are the risk rules ({@link RiskRules}). {@code samples/} holds the
 * operator's own payloads, which {@code apply} maps before it publishes but which are not published (they may hold
 * customers' data). Version 0 is the set bundled with the bridge, which
 * does what the Java normalizers did.
 *
 * @param version   1, 2, ... as {@code apply} published it; 0 for the bundled set
 * @param appliedAt when it was published; null for the bundled set and a folder not yet applied
 * @param files     path in the folder to the file's text
 */
public record MappingSet(int version, Instant appliedAt, SortedMap<String, String> files) {

    public static final String ORDERS = "orders/";
    public static final String CUSTOMERS = "customers/";
    public static final String PAYMENTS = "payments/";
    public static final String RETURNS = "returns/";
    /** The folders of templates, one per kind of storefront event. */
    public static final List<String> KINDS = List.of(ORDERS, CUSTOMERS, PAYMENTS, RETURNS);
    public static final String RULES = "rules/";
    public static final String TABLES = "tables/";
    public static final String SAMPLES = "samples/";
    /** A published set is one Kafka record; far more than any set of text files needs, well below the topic's limit. */
    public static final int MAX_BYTES = 512 * 1024;

    private static final Pattern FILE = Pattern.compile(
            "((orders|customers|payments|returns)/[a-z0-9-]{1,32}\\.jsonata|rules/[A-Za-z0-9._-]{1,64}\\.jsonata|tables/[a-z0-9-]{1,64}\\.csv|risk/rules\\.json)");
    private static final String BUNDLED = "/mapping/default/";
    private static final List<String> BUNDLED_FILES = List.of("orders/xcart.jsonata", "orders/clarity.jsonata",
            "customers/xcart.jsonata", "customers/clarity.jsonata", "payments/xcart.jsonata", "payments/clarity.jsonata",
            "returns/xcart.jsonata", "returns/clarity.jsonata", "tables/xcart-shipping-status.csv",
            "tables/xcart-payment-status.csv", "tables/xcart-transaction-type.csv", "tables/clarity-order-status.csv",
            "tables/clarity-payment-status.csv", "tables/clarity-payment-moves-money.csv", "risk/rules.json",
            "tables/risk-disposable-domains.csv", "tables/risk-blocked-emails.csv", "tables/risk-blocked-addresses.csv",
            "tables/risk-freight-forwarders.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    public MappingSet {
        files = new TreeMap<>(files);
        for (String path : files.keySet()) {
            if (!FILE.matcher(path).matches()) {
                throw new MappingSetException(path, 0, 0, "not a file of a mapping set: expected"
                        + " orders|customers|payments|returns/<source>.jsonata, rules/<name>.jsonata,"
                        + " tables/<name>.csv (lower-case names, digits and hyphens) or risk/rules.json");
            }
        }
    }

    /** The set bundled with the bridge (version 0). */
    public static MappingSet bundled() {
        SortedMap<String, String> files = new TreeMap<>();
        for (String path : BUNDLED_FILES) {
            try (InputStream in = MappingSet.class.getResourceAsStream(BUNDLED + path)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled mapping file " + path + " is missing from the jar");
                }
                files.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new MappingSet(0, null, files);
    }

    /**
     * The set in {@code folder} over the bundled one, not yet published (version 0 until {@code apply} numbers it):
     * the folder's files, and the bundled files it does not hold. Files under {@code samples/}, dot-files and
     * Markdown are left out; any other file must be one of the set's.
     */
    public static MappingSet read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new MappingSetException(folder.toString(), 0, 0, "is not a folder");
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = folder.relativize(file).toString().replace('\\', '/');
                if (path.startsWith(SAMPLES) || path.startsWith(".") || path.contains("/.") || path.endsWith(".md")) {
                    continue;
                }
                files.put(path, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new MappingSetException(folder.toString(), 0, 0, "cannot be read: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new MappingSetException(folder.toString(), 0, 0, "holds no template, rule or table");
        }
        // what the folder does not hold comes from the bundled set: an operator keeps only what they change, and
        // the published version is whole, so a later bridge's bundled files never change it
        SortedMap<String, String> whole = new TreeMap<>(bundled().files());
        whole.putAll(files);
        return new MappingSet(0, null, whole);
    }

    public MappingSet withVersion(int number, Instant at) {
        return new MappingSet(number, at, files);
    }

    /** The set as the value of its record on {@code bridge.mappings}. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", version);
        node.put("appliedAt", appliedAt == null ? null : appliedAt.toString());
        ObjectNode texts = node.putObject("files");
        files.forEach(texts::put);
        try {
            byte[] bytes = JSON.writeValueAsBytes(node);
            if (bytes.length > MAX_BYTES) {
                throw new MappingSetException("(the set)", 0, 0, "is " + bytes.length + " bytes, more than the "
                        + MAX_BYTES + " a published set may have");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MappingSet fromJson(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            SortedMap<String, String> files = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                files.put(file.getKey(), file.getValue().asText());
            }
            JsonNode at = node.path("appliedAt");
            return new MappingSet(node.path("version").asInt(), at.isTextual() ? Instant.parse(at.asText()) : null,
                    files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code .jsonata} files under {@code prefix}, by path. */
    SortedMap<String, String> templates(String prefix) {
        SortedMap<String, String> templates = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(prefix) && path.endsWith(".jsonata")) {
                templates.put(path, text);
            }
        });
        return templates;
    }

    /** The look-up tables' CSV texts by table name. */
    Map<String, String> tables() {
        Map<String, String> tables = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(TABLES)) {
                tables.put(path.substring(TABLES.length(), path.length() - ".csv".length()), text);
            }
        });
        return tables;
    }
}
