package dev.p21bridge.transformer;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transformer's settings, validated at start.
 *
 * @param eventDedupRetention how long a webhook id is remembered; at least 3 days, the longest storefront redelivery
 * @param orderDedupRetention how long an order key is remembered against a second {@code order.created}; at least
 *                            the event retention, because the order key alone drops a redelivered order.created
 * @param webstoreLocations the P21 locations whose stock the storefronts sell; empty means every location
 * @param reservationTtl how long a storefront order keeps its reservation when no P21 reading releases it sooner
 * @param javaOrderMapping true to map orders with the Java normalizers the bundled templates replace, ignoring
 *                         {@code bridge.mappings}: a fallback while templates are new, and the benchmark's yardstick
 * @param riskHistory how far back the risk scoring remembers orders (docs/risk.md); zero when scoring is off
 * @param storeSources the stores of {@code BRIDGE_STORES} and the source (platform) of each
 */
public record TransformerConfig(KafkaConfig kafka, String applicationId, Path stateDir, String processingGuarantee,
                                int threads, Duration eventDedupRetention, Duration orderDedupRetention,
                                P21Defaults p21Defaults, SkuCrossReference skuCrossReference,
                                Set<String> webstoreLocations, Duration reservationTtl, boolean javaOrderMapping,
                                Duration riskHistory, Map<String, Source> storeSources) {

    public static final String SERVICE = "transformer";

    public static final Setting<String> APPLICATION_ID = Setting.string("BRIDGE_TRANSFORMER_APPLICATION_ID",
            "Kafka Streams application.id of the transformer's events application; its inventory application gets the same"
                    + " with -inventory appended", "p21-bridge-transformer");
    public static final Setting<String> STATE_DIR = Setting.string("BRIDGE_TRANSFORMER_STATE_DIR",
            "directory of the transformer's local state stores", ".bridge/data/streams");
    public static final Setting<String> GUARANTEE = new Setting<>("BRIDGE_TRANSFORMER_PROCESSING_GUARANTEE",
            "exactly_once_v2 (default) or at_least_once", "exactly_once_v2", text -> {
                if (!text.equals("exactly_once_v2") && !text.equals("at_least_once")) {
                    throw new IllegalArgumentException("must be exactly_once_v2 or at_least_once");
                }
                return text;
            });
    public static final Setting<Integer> THREADS = Setting.integer("BRIDGE_TRANSFORMER_THREADS",
            "stream threads of this instance", 1, 1, 64);
    public static final Setting<Duration> EVENT_DEDUP = Setting.duration("BRIDGE_DEDUP_EVENT_RETENTION",
            "how long webhook ids are remembered to drop redeliveries (at least 3d)", Duration.ofDays(7));
    public static final Setting<Duration> ORDER_DEDUP = Setting.duration("BRIDGE_DEDUP_ORDER_RETENTION",
            "how long order keys are remembered to drop a second order.created", Duration.ofDays(30));
    public static final Setting<String> SALES_LOCATION = Setting.string("BRIDGE_P21_SALES_LOCATION",
            "P21 sales_loc_id given to web orders", "10");
    public static final Setting<String> SOURCE_LOCATION = Setting.string("BRIDGE_P21_SOURCE_LOCATION",
            "P21 source_loc_id (shipping location) given to web orders", "10");
    public static final Setting<String> TAKER = Setting.string("BRIDGE_P21_TAKER", "P21 taker recorded on web orders", "WEB");
    public static final Setting<Integer> REQUESTED_OFFSET = Setting.integer("BRIDGE_P21_REQUESTED_DATE_OFFSET_DAYS",
            "days after the order date that P21's requested_date is set to", 1, 1, 365);
    public static final Setting<String> SKU_XREF_CSV = Setting.string("BRIDGE_SKU_XREF_CSV",
            "optional CSV of storefront_sku,p21_item_id pairs", "");
    public static final Setting<List<String>> WEBSTORE_LOCATIONS = Setting.list("BRIDGE_WEBSTORE_LOCATIONS",
            "comma list of P21 location ids whose stock the storefronts sell (default: all locations)", List.of());
    public static final Setting<Duration> RESERVATION_TTL = Setting.duration("BRIDGE_RESERVATION_TTL",
            "how long a storefront order lowers available stock before a P21 reading must have taken over", Duration.ofMinutes(30));

    public static final Setting<String> ORDER_MAPPING = new Setting<>("BRIDGE_TRANSFORMER_ORDER_MAPPING",
            "templates (default: the operator's mapping sets, docs/mappings.md) or java (the Java normalizers the bundled"
                    + " set replaces; bridge.mappings is ignored and mapping-version says java)", "templates", text -> {
                if (!text.equals("templates") && !text.equals("java")) {
                    throw new IllegalArgumentException("must be templates or java");
                }
                return text;
            });

    public static final Setting<Boolean> RISK_SCORING = new Setting<>("BRIDGE_RISK_SCORING",
            "on (default): score every new order and hold or reject by the risk rules (docs/risk.md); off: no score, no"
                    + " hold by risk", true, text -> switch (text) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("must be on or off");
            });
    public static final Setting<Duration> RISK_HISTORY = Setting.duration("BRIDGE_RISK_HISTORY",
            "how long a buyer counts as known to the risk scoring and an address's buyers are counted (at least 1d; caps the"
                    + " rules' history window)", Duration.ofDays(30));

    public TransformerConfig {
        if (eventDedupRetention.compareTo(Duration.ofDays(3)) < 0) {
            throw new ConfigException(EVENT_DEDUP.name() + " is malformed (" + eventDedupRetention
                    + " is shorter than the 3 days storefronts redeliver for): " + EVENT_DEDUP.description());
        }
        if (orderDedupRetention.compareTo(eventDedupRetention) < 0) {
            throw new ConfigException(ORDER_DEDUP.name() + " is malformed (" + orderDedupRetention + " is shorter than "
                    + EVENT_DEDUP.name() + ", " + eventDedupRetention + "; a new order's redelivery is dropped by its"
                    + " order key alone): " + ORDER_DEDUP.description());
        }
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new ConfigException(RESERVATION_TTL.name() + " is malformed (must be positive): " + RESERVATION_TTL.description());
        }
        if (riskHistory.isNegative() || !riskHistory.isZero() && riskHistory.compareTo(Duration.ofDays(1)) < 0) {
            throw new ConfigException(RISK_HISTORY.name() + " is malformed (" + riskHistory + " is shorter than a day):"
                    + " " + RISK_HISTORY.description());
        }
        webstoreLocations = Set.copyOf(webstoreLocations);
        storeSources = Map.copyOf(storeSources);
    }

    public static TransformerConfig from(Environment env) {
        String csv = env.get(SKU_XREF_CSV);
        Map<String, String> xref;
        try {
            xref = csv.isBlank() ? Map.of() : SkuCrossReference.readCsv(Path.of(csv));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SKU_XREF_CSV.name() + " is malformed (" + e.getMessage() + "): "
                    + SKU_XREF_CSV.description());
        }
        List<Store> stores = StoreSettings.withDefaults(env);
        Map<String, Source> storeSources = new HashMap<>();
        stores.forEach(store -> storeSources.put(store.name(),
                store.platform() == StorePlatform.XCART ? Source.XCART : Source.CLARITY));
        return new TransformerConfig(KafkaConfig.from(env), env.get(APPLICATION_ID), Path.of(env.get(STATE_DIR)),
                env.get(GUARANTEE), env.get(THREADS), env.get(EVENT_DEDUP), env.get(ORDER_DEDUP),
                new P21Defaults(env.get(SALES_LOCATION), env.get(SOURCE_LOCATION), env.get(TAKER), env.get(REQUESTED_OFFSET))
                        .withStores(stores),
                new SkuCrossReference(xref, sku -> java.util.Optional.empty()),
                Set.copyOf(env.get(WEBSTORE_LOCATIONS)), env.get(RESERVATION_TTL),
                env.get(ORDER_MAPPING).equals("java"), env.get(RISK_SCORING) ? env.get(RISK_HISTORY) : Duration.ZERO,
                storeSources);
    }

    /** The inventory application's {@code application.id}: its consumer group and the prefix of its internal topics. */
    public String inventoryApplicationId() {
        return applicationId + "-inventory";
    }

    /** The source (platform) of the store {@code name}; {@link Source#UNKNOWN} for a store no longer configured. */
    public Source storeSource(String name) {
        return storeSources.getOrDefault(name, Source.UNKNOWN);
    }

    /** Whether a location's stock counts towards what the storefronts may sell. */
    public boolean sellsFrom(String locationId) {
        return webstoreLocations.isEmpty() || webstoreLocations.contains(locationId);
    }

    public TransformerConfig withStateDir(Path dir) {
        return new TransformerConfig(kafka, applicationId, dir, processingGuarantee, threads, eventDedupRetention,
                orderDedupRetention, p21Defaults, skuCrossReference, webstoreLocations, reservationTtl, javaOrderMapping,
                riskHistory, storeSources);
    }

    public TransformerConfig withApplicationId(String id) {
        return new TransformerConfig(kafka, id, stateDir, processingGuarantee, threads, eventDedupRetention,
                orderDedupRetention, p21Defaults, skuCrossReference, webstoreLocations, reservationTtl, javaOrderMapping,
                riskHistory, storeSources);
    }

    /** Whether new orders are scored (BRIDGE_RISK_SCORING). */
    public boolean riskScoring() {
        return !riskHistory.isZero();
    }

    /** With risk scoring off, or on with the default history: the benchmark measures both in one run. */
    public TransformerConfig withRiskScoring(boolean on) {
        return new TransformerConfig(kafka, applicationId, stateDir, processingGuarantee, threads, eventDedupRetention,
                orderDedupRetention, p21Defaults, skuCrossReference, webstoreLocations, reservationTtl, javaOrderMapping,
                on ? RISK_HISTORY.defaultValue() : Duration.ZERO, storeSources);
    }

    public TransformerConfig withProcessingGuarantee(String guarantee) {
        return new TransformerConfig(kafka, applicationId, stateDir, guarantee, threads, eventDedupRetention,
                orderDedupRetention, p21Defaults, skuCrossReference, webstoreLocations, reservationTtl, javaOrderMapping,
                riskHistory, storeSources);
    }
}
