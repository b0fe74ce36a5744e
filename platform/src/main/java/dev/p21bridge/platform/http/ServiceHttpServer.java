package dev.p21bridge.platform.http;

import dev.p21bridge.platform.config.Setting;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.function.Consumer;

/**
 * The small HTTP server of a service that has no HTTP API of its own (transformer, sinks) when it runs alone under
 * {@code ./bridge run}: {@code GET /health} and {@code GET /metrics} on {@code BRIDGE_HTTP_PORT}.
 */
public final class ServiceHttpServer implements AutoCloseable {

    public static Setting<Integer> portSetting(int defaultPort) {
        return Setting.port("BRIDGE_HTTP_PORT", "port of this service's /health and /metrics", defaultPort);
    }

    private final Javalin app;

    public ServiceHttpServer(ServiceEndpoints endpoints, Consumer<JavalinConfig> extraRoutes) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            endpoints.install(config);
            extraRoutes.accept(config);
        });
    }

    public ServiceHttpServer start(int port) {
        app.start(port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
