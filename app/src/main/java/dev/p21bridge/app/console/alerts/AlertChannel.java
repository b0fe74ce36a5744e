package dev.p21bridge.app.console.alerts;

/** Where notifications go: e-mail ({@link SmtpAlertChannel}) or a chat webhook ({@link WebhookAlertChannel}). */
public interface AlertChannel {

    /** {@code email} or {@code webhook}: the tag of its metrics. */
    String id();

    /** Short, and safe to show: no password, no recipient, no webhook token. */
    String name();

    /** Sends one notification; throws when it was not accepted (the caller tries again). */
    void send(AlertNotification notification) throws Exception;
}
