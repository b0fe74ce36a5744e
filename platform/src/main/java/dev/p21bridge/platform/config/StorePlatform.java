package dev.p21bridge.platform.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The storefront software a store runs. Its id is the {@code source} of its events and the name of its raw topic
 * ({@code raw.<id>}); a store named as its platform (the default stores {@code xcart} and {@code clarity}) falls back
 * to the platform's single-store settings of earlier versions ({@code BRIDGE_XCART_URL}, ...).
 */
public enum StorePlatform {
    XCART("xcart", "X-Cart", URI.create("http://localhost:8092"), "xcart-dev-token"),
    CLARITY("clarity", "Clarity", URI.create("http://localhost:8093"), "clarity-dev-token");

    private final String id;
    private final String label;
    private final URI devUrl;
    private final String devToken;

    StorePlatform(String id, String label, URI devUrl, String devToken) {
        this.id = id;
        this.label = label;
        this.devUrl = devUrl;
        this.devToken = devToken;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The variable prefix of its single-store settings, e.g. {@code BRIDGE_XCART_}. */
    String legacyPrefix() {
        return "BRIDGE_" + id.toUpperCase(Locale.ROOT) + "_";
    }

    /** The simulator's URL, the default of the single-store setting it replaces. */
    URI devUrl() {
        return devUrl;
    }

    String devToken() {
        return devToken;
    }

    static StorePlatform of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown platform '" + id + "', expected one of "
                        + Arrays.stream(values()).map(StorePlatform::id).collect(Collectors.joining(", "))));
    }
}
