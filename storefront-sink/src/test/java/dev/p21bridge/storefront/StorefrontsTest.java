package dev.p21bridge.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.StorePlatform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Order keys {@code <store>:<order id>} find their store among those of BRIDGE_STORES, and only there. */
class StorefrontsTest {

    private static final Storefronts TWO_XCARTS = Storefronts.from(new Environment(Map.of(
            "BRIDGE_STORES", "us:xcart,ca:xcart,clarity:clarity",
            "BRIDGE_STORE_US_URL", "http://us.example", "BRIDGE_STORE_US_TOKEN", "us-token",
            "BRIDGE_STORE_US_WEBHOOK_SECRET", "us-secret", "BRIDGE_STORE_US_STOCK_LOCATIONS", "10",
            "BRIDGE_STORE_CA_URL", "http://ca.example", "BRIDGE_STORE_CA_TOKEN", "ca-token",
            "BRIDGE_STORE_CA_WEBHOOK_SECRET", "ca-secret", "BRIDGE_STORE_CA_STOCK_LOCATIONS", "20,30")));

    @Test
    void shouldKeepTheKeysTagsAndNamesOfTheDefaultStores() {
        Storefronts stores = Storefronts.from(new Environment(Map.of()));

        assertThat(stores.all()).containsExactly(Storefront.XCART, Storefront.CLARITY);
        assertThat(stores.ofOrderKey("xcart:10452")).hasValue(Storefront.XCART);
        assertThat(stores.ofOrderKey("clarity:CL-1")).hasValue(Storefront.CLARITY);
        assertThat(Storefront.XCART.id()).isEqualTo("xcart");
        assertThat(Storefront.XCART.displayName()).isEqualTo("X-Cart");
        assertThat(Storefront.CLARITY.displayName()).isEqualTo("Clarity");
        assertThat(Storefront.XCART.stockLocations()).isEmpty();
    }

    @Test
    void shouldTellTwoStoresOfOnePlatformApartByTheirKeys() {
        Storefront us = TWO_XCARTS.ofOrderKey("us:7").orElseThrow();
        Storefront ca = TWO_XCARTS.ofOrderKey("ca:7").orElseThrow();

        assertThat(us.id()).isEqualTo("us");
        assertThat(ca.id()).isEqualTo("ca");
        assertThat(us).isNotEqualTo(ca);
        assertThat(List.of(us.platform(), ca.platform())).containsOnly(StorePlatform.XCART);
        assertThat(us.stockLocations()).containsExactly("10");
        assertThat(ca.stockLocations()).containsExactly("20", "30");
        assertThat(ca.displayName()).isEqualTo("X-Cart store 'ca'");
        assertThat(TWO_XCARTS.ofOrderKey("clarity:CL-9")).hasValue(Storefront.CLARITY);
    }

    @Test
    void shouldFindNoStoreForAKeyNamingNoneOfThem() {
        assertThat(TWO_XCARTS.ofOrderKey("xcart:7")).as("no store is named xcart here").isEmpty();
        assertThat(TWO_XCARTS.ofOrderKey("ca:")).isEmpty();
        assertThat(TWO_XCARTS.ofOrderKey(":7")).isEmpty();
        assertThat(TWO_XCARTS.ofOrderKey("7")).isEmpty();
        assertThat(TWO_XCARTS.ofOrderKey(null)).isEmpty();
        assertThat(TWO_XCARTS.unknownOrderKey("xcart:7")).isEqualTo("order key 'xcart:7' names no storefront this sink"
                + " writes to (expected <store>:<order id> with a store of BRIDGE_STORES: us, ca, clarity)");
    }

    @Test
    void shouldKeepEverythingAfterTheFirstColonAsTheStoresOrderId() {
        assertThat(TWO_XCARTS.ofOrderKey("ca:A:1")).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("ca"));
        assertThat(Storefront.orderIdOf("ca:A:1")).isEqualTo("A:1");
    }

    @Test
    void shouldRefuseAStoreNamedTwice() {
        assertThatThrownBy(() -> new Storefronts(List.of(Storefront.XCART,
                new Storefront("xcart", StorePlatform.XCART, List.of("10")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'xcart' is named twice");
    }
}
