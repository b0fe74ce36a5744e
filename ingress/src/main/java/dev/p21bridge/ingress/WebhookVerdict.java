package dev.p21bridge.ingress;

/** What the ingress decided about one delivery before writing it: an {@link AcceptedWebhook}, or a {@link Rejection} (with a {@link Refusal detail}). */
public sealed interface WebhookVerdict permits AcceptedWebhook, Rejection, Refusal {
}
