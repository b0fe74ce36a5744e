package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;

/**
 * Maps one storefront's payloads to canonical records. One implementation per storefront, because each speaks its
 * own field names (X-Cart snake_case numbers, Clarity camelCase strings); the rules they share live in
 * {@link JsonFields}, {@link CountryCodes}, {@link Emails}, {@link Money} and {@link OrderValidator}.
 */
public interface StorefrontNormalizer {

    Order order(RawEvent event);

    Customer customer(RawEvent event);
}
