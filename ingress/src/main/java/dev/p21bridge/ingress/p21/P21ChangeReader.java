package dev.p21bridge.ingress.p21;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TokenProvider;
import dev.p21bridge.platform.retry.CircuitBreaker;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The poller's reads of P21's OData tables, through the {@link P21ODataClient} the p21-sink uses too: the same
 * token (renewed before it expires and when P21 answers 401), the same read retries. Any failure is a
 * {@link P21CallException}; the poll that called ends and tries again at its next interval.
 * Numbers are read as {@link java.math.BigDecimal} and written back unchanged, so no amount passes through a double.
 */
public final class P21ChangeReader implements AutoCloseable {

    /** The JSON mapping of P21 rows: exact decimals in, plain decimals out. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final OkHttpClient http;
    private final P21ODataClient odata;

    /** @param timeout how long one P21 call may take, connecting included, before the poll counts as failed */
    public P21ChangeReader(URI baseUrl, String username, String password, Duration timeout, Clock clock) {
        this.http = new OkHttpClient.Builder().connectTimeout(timeout).callTimeout(timeout)
                .retryOnConnectionFailure(false).build();
        HttpUrl base = HttpUrl.get(baseUrl);
        P21TokenProvider tokens = new P21TokenProvider(http, base, username, password, clock, JSON);
        // no circuit: a failed poll already waits its interval; and no p21.call.latency, which counts the sink's calls
        CircuitBreaker neverOpens = new CircuitBreaker("p21-poller", Integer.MAX_VALUE, timeout, timeout, clock);
        P21HttpClient p21 = new P21HttpClient(http, tokens, new P21ErrorPolicy(), neverOpens,
                new CompositeMeterRegistry(), JSON);
        this.odata = new P21ODataClient(p21, base);
    }

    public static P21ChangeReader of(P21PollerConfig config) {
        return new P21ChangeReader(config.baseUrl(), config.username(), config.password(), config.timeout(),
                Clock.systemUTC());
    }

    /** One page of changed rows, in the query's order. */
    public List<ObjectNode> changes(P21ChangeQuery query) {
        return odata.query(query.table().tableName(), query.options());
    }

    /** Every row of {@code table} matching {@code filter}: {@link P21ODataClient#queryAll}. */
    public List<ObjectNode> all(String table, String filter, String orderBy, String select, int pageSize) {
        return odata.queryAll(table, filter, orderBy, select, pageSize);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
