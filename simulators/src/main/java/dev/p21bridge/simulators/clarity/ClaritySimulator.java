package dev.p21bridge.simulators.clarity;

import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import io.javalin.config.JavalinConfig;

/**
 * A stand-in Clarity eCommerce store (docs/contract.md, section 'Simulators', port 8093): the {@code /API-Storefront}
 * routes the bridge calls with a bearer token (orders, products, contacts), {@code order.created},
 * {@code customer.created}, {@code customer.updated}, {@code payment.captured} and {@code return.created} webhooks
 * in Clarity's shapes, return refunds the bridge writes, and the
 * {@code /sim} control API. State is kept in {@code <dataDir>/clarity-simulator.json}.
 */
public final class ClaritySimulator extends StorefrontSimulator {

    private final ClarityApi api;
    private final ClarityContactApi contacts;
    private final ClarityReturnApi returns;

    public ClaritySimulator(StorefrontSimulatorConfig config) {
        super(config, "Clarity", new ClarityOrderGenerator(config.seed()), "clarity-simulator.json",
                ClarityOrderGenerator.FIRST_ORDER_NUMBER);
        this.api = new ClarityApi(state(), (ClarityOrderGenerator) generator(), calls(), config.apiToken());
        this.contacts = new ClarityContactApi(state(), customerUpdates());
        this.returns = new ClarityReturnApi(state(), cash(), (ClarityOrderGenerator) generator(), calls());
    }

    @Override
    public ClaritySimulator start() {
        super.start();
        return this;
    }

    @Override
    protected void installApi(JavalinConfig cfg) {
        api.install(cfg);
        contacts.install(cfg);
        returns.install(cfg);
    }

    @Override
    protected String apiPattern() {
        return "/API-Storefront/*";
    }

    @Override
    protected String faultBody(int status) {
        return ClarityApi.errorBody(status);
    }
}
