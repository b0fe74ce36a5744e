package dev.p21bridge.simulators.xcart;

import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import io.javalin.config.JavalinConfig;

/**
 * A stand-in X-Cart 5.5 store (docs/contract.md, section 'Simulators', port 8092): the {@code /api} routes the bridge
 * calls with {@code X-Auth-Token} (orders, products, profiles and their addresses), {@code order.created},
 * {@code customer.created}, {@code customer.updated}, {@code payment.captured} and {@code return.created} webhooks
 * in X-Cart's shapes, return refunds and order details the bridge writes, and the
 * {@code /sim} control API. State is kept in {@code <dataDir>/xcart-simulator.json}.
 *
 * <pre>{@code
 * try (XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0))) {
 *     xcart.start();
 *     List<String> ids = xcart.checkout(CheckoutRequest.of(10));
 * }
 * }</pre>
 */
public final class XCartSimulator extends StorefrontSimulator {

    private final XCartApi api;
    private final XCartProfileApi profiles;
    private final XCartCashApi cashApi;

    public XCartSimulator(StorefrontSimulatorConfig config) {
        super(config, "X-Cart", new XCartOrderGenerator(config.seed()), "xcart-simulator.json",
                XCartOrderGenerator.FIRST_ORDER_ID);
        this.api = new XCartApi(state(), (XCartOrderGenerator) generator(), calls(), config.apiToken());
        this.profiles = new XCartProfileApi(state(), customerUpdates());
        this.cashApi = new XCartCashApi(state(), cash(), (XCartOrderGenerator) generator(), calls());
    }

    @Override
    public XCartSimulator start() {
        super.start();
        return this;
    }

    @Override
    protected void installApi(JavalinConfig cfg) {
        api.install(cfg);
        profiles.install(cfg);
        cashApi.install(cfg);
    }

    @Override
    protected String apiPattern() {
        return "/api/*";
    }

    @Override
    protected String faultBody(int status) {
        return XCartApi.errorBody(status);
    }
}
