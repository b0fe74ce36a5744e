package dev.p21bridge.p21client;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.HttpUrl;

/**
 * Writes through P21's Transaction API. The UI server that serves it is found once through the router
 * ({@code GET /api/ui/router/v1?urlType=external}) and kept; every set then goes to {@code {ui}/api/v2/transaction}.
 *
 * <p>A {@link P21CallException} from {@link #submit} may hide a write that P21 applied (read timeout, 5xx after
 * commit): the caller must look the record up before sending it again.
 */
public final class P21TransactionClient {

    private final P21HttpClient http;
    private final HttpUrl routerUrl;
    private volatile HttpUrl transactionUrl;

    public P21TransactionClient(P21HttpClient http, HttpUrl baseUrl) {
        this.http = http;
        this.routerUrl = baseUrl.newBuilder().addPathSegments("api/ui/router/v1")
                .addQueryParameter("urlType", "external").build();
    }

    /** Sends {@code set}; P21's business refusal comes back as a result that has not {@link TransactionResult#passed()}. */
    public TransactionResult submit(TransactionSet set) {
        JsonNode answer = http.post(transactionUrl(), set, "transaction-" + set.name().toLowerCase());
        JsonNode error = answer.path("error");
        if (!error.isMissingNode() && !answer.has("Summary")) {
            // P21's session-pool faults arrive as {"error":{"message":...}}, sometimes with status 200
            String message = error.path("message").isTextual() ? error.path("message").asText() : error.toString();
            throw new P21CallException(200, message);
        }
        return TransactionResult.parse(answer);
    }

    private HttpUrl transactionUrl() {
        HttpUrl url = transactionUrl;
        if (url == null) {
            synchronized (this) {
                if (transactionUrl == null) {
                    transactionUrl = discover();
                }
                url = transactionUrl;
            }
        }
        return url;
    }

    private HttpUrl discover() {
        JsonNode answer = http.get(routerUrl, "router");
        HttpUrl ui = HttpUrl.parse(answer.path("Url").asText(""));
        if (ui == null) {
            throw new P21CallException(200, "router answered no usable Url: " + answer);
        }
        return ui.newBuilder().addPathSegments("api/v2/transaction").build();
    }
}
