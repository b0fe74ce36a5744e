package dev.p21bridge.ingress.p21;

import dev.p21bridge.p21client.P21Connection;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the P21 change poller, read once at start. {@code BRIDGE_P21_URL}, {@code _USERNAME},
 * {@code _PASSWORD} and {@code _TIMEOUT} mean what they mean for the p21-sink, so one set of variables serves both.
 * The password never appears in {@link #toString()}.
 *
 * @param intervals pause between the end of one poll of a table and the start of the next
 * @param overlap   how far before its watermark each window starts, so a row committed late with an earlier
 *                  {@code date_last_modified} is still found
 * @param pageSize  OData rows asked for per request ({@code $top})
 * @param timeout   how long one P21 call may take before the poll counts as failed
 */
public record P21PollerConfig(URI baseUrl, String username, String password, Map<P21Table, Duration> intervals,
                              Duration overlap, int pageSize, Duration timeout, boolean enabled,
                              Set<P21Table> initialLoad) {

    /**
     * Tables read in full on the very first start (no watermark yet). Stock and prices are state a storefront needs
     * for every SKU, not events, so they are loaded; shipments and customers start at "now" and send no history.
     */
    public static final Setting<List<String>> INITIAL_LOAD = Setting.list("BRIDGE_P21_INITIAL_LOAD",
            "tables read in full on the first start (inv_loc, inv_mast, oe_pick_ticket, oe_hdr, customer, invoice_hdr,"
                    + " ar_receipts; none for none)", List.of("inv_loc", "inv_mast"));

    /** The connection settings the p21-sink shares ({@link P21Connection}), listed here too for the poller. */
    public static final Setting<URI> URL = P21Connection.URL;
    public static final Setting<String> USERNAME = P21Connection.USERNAME;
    public static final Setting<String> PASSWORD = P21Connection.PASSWORD;
    public static final Setting<Duration> TIMEOUT = P21Connection.TIMEOUT;
    public static final Setting<Duration> POLL_INVENTORY = Setting.duration("BRIDGE_P21_POLL_INVENTORY",
            "pause between two polls of inv_loc (stock), e.g. 2s", Duration.ofSeconds(2));
    public static final Setting<Duration> POLL_SHIPMENTS = Setting.duration("BRIDGE_P21_POLL_SHIPMENTS",
            "pause between two polls of oe_pick_ticket (shipments), e.g. 2s", Duration.ofSeconds(2));
    public static final Setting<Duration> POLL_ORDERS = Setting.duration("BRIDGE_P21_POLL_ORDERS",
            "pause between two polls of oe_hdr (order status: accepted, cancelled), e.g. 2s", Duration.ofSeconds(2));
    public static final Setting<Duration> POLL_INVOICES = Setting.duration("BRIDGE_P21_POLL_INVOICES",
            "pause between two polls of invoice_hdr (invoices and credit memos), e.g. 5s", Duration.ofSeconds(5));
    public static final Setting<Duration> POLL_RECEIPTS = Setting.duration("BRIDGE_P21_POLL_RECEIPTS",
            "pause between two polls of ar_receipts (payments recorded in P21), e.g. 10s", Duration.ofSeconds(10));
    public static final Setting<Duration> POLL_CUSTOMERS = Setting.duration("BRIDGE_P21_POLL_CUSTOMERS",
            "pause between two polls of customer, e.g. 30s", Duration.ofSeconds(30));
    public static final Setting<Duration> POLL_ITEMS = Setting.duration("BRIDGE_P21_POLL_ITEMS",
            "pause between two polls of inv_mast (prices, descriptions), e.g. 60s", Duration.ofSeconds(60));
    public static final Setting<Duration> POLL_OVERLAP = Setting.duration("BRIDGE_P21_POLL_OVERLAP",
            "how far before its watermark each poll window starts, to catch rows committed late", Duration.ofSeconds(5));
    public static final Setting<Integer> POLL_PAGE_SIZE = Setting.integer("BRIDGE_P21_POLL_PAGE_SIZE",
            "OData rows read per request while polling", 500, 1, 10_000);
    public static final Setting<Boolean> POLL_ENABLED = new Setting<>("BRIDGE_P21_POLL_ENABLED",
            "whether the ingress polls P21 for changes (true or false)", true, P21PollerConfig::parseBoolean);

    public P21PollerConfig {
        intervals = Map.copyOf(intervals);
        for (P21Table table : P21Table.values()) {
            if (!intervals.containsKey(table)) {
                throw new IllegalArgumentException("no poll interval for " + table.tableName());
            }
        }
    }

    /** Reads every setting; a missing or malformed one throws {@link ConfigException} naming the variable. */
    public static P21PollerConfig from(Environment env) {
        Map<P21Table, Duration> intervals = new EnumMap<>(P21Table.class);
        intervals.put(P21Table.INVENTORY, positive(env, POLL_INVENTORY));
        intervals.put(P21Table.SHIPMENTS, positive(env, POLL_SHIPMENTS));
        intervals.put(P21Table.ORDERS, positive(env, POLL_ORDERS));
        intervals.put(P21Table.CUSTOMERS, positive(env, POLL_CUSTOMERS));
        intervals.put(P21Table.INVOICES, positive(env, POLL_INVOICES));
        intervals.put(P21Table.RECEIPTS, positive(env, POLL_RECEIPTS));
        intervals.put(P21Table.ITEMS, positive(env, POLL_ITEMS));
        Duration overlap = env.get(POLL_OVERLAP);
        if (overlap.isNegative()) {
            throw new ConfigException(POLL_OVERLAP.name() + " is malformed (must not be negative): "
                    + POLL_OVERLAP.description());
        }
        Set<P21Table> initialLoad = EnumSet.noneOf(P21Table.class);
        for (String name : env.get(INITIAL_LOAD)) {
            if (name.equals("none")) {
                continue;
            }
            initialLoad.add(Arrays.stream(P21Table.values()).filter(t -> t.tableName().equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException(INITIAL_LOAD.name() + " is malformed (unknown table '" + name
                            + "'): " + INITIAL_LOAD.description())));
        }
        P21Connection p21 = P21Connection.from(env);
        return new P21PollerConfig(p21.baseUrl(), p21.username(), p21.password(), intervals, overlap,
                env.get(POLL_PAGE_SIZE), p21.timeout(), env.get(POLL_ENABLED), initialLoad);
    }

    public Duration interval(P21Table table) {
        return intervals.get(table);
    }

    private static Duration positive(Environment env, Setting<Duration> setting) {
        Duration value = env.get(setting);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(setting.name() + " is malformed (must be positive): " + setting.description());
        }
        return value;
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    @Override
    public String toString() {
        return "P21PollerConfig[baseUrl=" + baseUrl + ", username=" + username + ", password=***, intervals="
                + intervals + ", overlap=" + overlap + ", pageSize=" + pageSize + ", timeout=" + timeout
                + ", enabled=" + enabled + "]";
    }
}
