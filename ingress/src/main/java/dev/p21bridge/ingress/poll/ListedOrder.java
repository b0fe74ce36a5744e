package dev.p21bridge.ingress.poll;

import java.time.Instant;

/**
 * One order as a store's order list shows it: its id, when it was created and last changed (the store's clock), and
 * the order resource as JSON, which is what a webhook of it would carry (the list may add fields the webhook lacks).
 */
record ListedOrder(String id, Instant created, Instant changed, byte[] body) {
}
