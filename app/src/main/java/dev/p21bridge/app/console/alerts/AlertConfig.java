package dev.p21bridge.app.console.alerts;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The console's alert settings: where the rules are, how often they are evaluated, and the two channels. A channel
 * without its address is off (the alerts still show on the Alerts page and at {@code GET /api/alerts}).
 * {@link #toString()} shows neither the SMTP password nor the webhook URL (a Slack URL is itself a secret).
 *
 * @param rules         the operator's rules file; null for the shipped defaults
 * @param smtpHost      null: no e-mail
 * @param webhook       null: no webhook
 */
public record AlertConfig(Path rules, Duration interval, String smtpHost, int smtpPort, SmtpSecurity smtpSecurity,
                          String smtpUsername, String smtpPassword, String smtpFrom, List<String> smtpTo, URI webhook,
                          int tries, Duration retryDelay) {

    /** How the SMTP connection is protected: none (a local relay), STARTTLS (port 587) or TLS from the start (465). */
    public enum SmtpSecurity {
        NONE, STARTTLS, TLS;

        /** As the setting is written. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Setting<String> RULES = Setting.string("BRIDGE_ALERT_RULES",
            "path of the alert rules file (JSON, see operations.md#alerts); empty for the shipped defaults", "");
    public static final Setting<Duration> INTERVAL = Setting.duration("BRIDGE_ALERT_INTERVAL",
            "how often the console evaluates the alert rules against the Flows page's latest samples",
            Duration.ofSeconds(15));
    public static final Setting<String> SMTP_HOST = Setting.string("BRIDGE_ALERT_SMTP_HOST",
            "SMTP server alerts are e-mailed through; empty: no e-mail", "");
    public static final Setting<Integer> SMTP_PORT = Setting.port("BRIDGE_ALERT_SMTP_PORT", "port of the SMTP server", 587);
    public static final Setting<SmtpSecurity> SMTP_SECURITY = new Setting<>("BRIDGE_ALERT_SMTP_SECURITY",
            "`starttls` (required), `tls` (from the start, port 465) or `none` (a relay on a trusted network)",
            SmtpSecurity.STARTTLS, AlertConfig::security);
    public static final Setting<String> SMTP_USERNAME = Setting.string("BRIDGE_ALERT_SMTP_USERNAME",
            "SMTP login; empty: none", "");
    public static final Setting<String> SMTP_PASSWORD = Setting.string("BRIDGE_ALERT_SMTP_PASSWORD",
            "SMTP password; never logged or shown", "");
    public static final Setting<String> SMTP_FROM = Setting.string("BRIDGE_ALERT_SMTP_FROM",
            "sender address of the alert e-mails", "p21-bridge@localhost");
    public static final Setting<List<String>> SMTP_TO = Setting.list("BRIDGE_ALERT_SMTP_TO",
            "recipients of the alert e-mails, comma-separated; required with an SMTP host", List.of());
    public static final Setting<String> WEBHOOK_URL = Setting.string("BRIDGE_ALERT_WEBHOOK_URL",
            "URL alerts are POSTed to as a Slack-compatible `{\"text\": ...}`; empty: no webhook; never shown", "");
    public static final Setting<Integer> TRIES = Setting.integer("BRIDGE_ALERT_TRIES",
            "tries per notification and channel before it counts as failed", 3, 1, 10);
    public static final Setting<Duration> RETRY_DELAY = Setting.duration("BRIDGE_ALERT_RETRY_DELAY",
            "wait before a notification's second try, doubled for each further one", Duration.ofSeconds(5));

    public AlertConfig {
        smtpTo = List.copyOf(smtpTo);
        if (interval.toMillis() < 200) {
            throw new ConfigException(INTERVAL.name() + " must be at least 200ms");
        }
        if (smtpHost != null && smtpTo.isEmpty()) {
            throw new ConfigException(SMTP_TO.name() + " is not set: " + SMTP_HOST.name() + " sends alert e-mails,"
                    + " to whom?");
        }
        if (smtpHost != null && !smtpFrom.contains("@")) {
            throw new ConfigException(SMTP_FROM.name() + " is malformed (not an e-mail address): " + SMTP_FROM.description());
        }
    }

    public static AlertConfig from(Environment env) {
        String rules = env.get(RULES).trim();
        String host = env.get(SMTP_HOST).trim();
        String username = env.get(SMTP_USERNAME).trim();
        return new AlertConfig(rules.isEmpty() ? null : Path.of(rules), env.get(INTERVAL), host.isEmpty() ? null : host,
                env.get(SMTP_PORT), env.get(SMTP_SECURITY), username.isEmpty() ? null : username,
                env.get(SMTP_PASSWORD), env.get(SMTP_FROM).trim(), env.get(SMTP_TO), webhook(env), env.get(TRIES),
                env.get(RETRY_DELAY));
    }

    private static URI webhook(Environment env) {
        String text = env.get(WEBHOOK_URL).trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Setting.url(WEBHOOK_URL.name(), "", null).parser().apply(text);
        } catch (IllegalArgumentException e) {
            // the URL itself may carry a token: name the problem, not the value
            throw new ConfigException(WEBHOOK_URL.name() + " is malformed (" + e.getMessage() + "): "
                    + WEBHOOK_URL.description());
        }
    }

    private static SmtpSecurity security(String text) {
        try {
            return SmtpSecurity.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("one of starttls, tls, none");
        }
    }

    @Override
    public String toString() {
        return "AlertConfig[rules=" + (rules == null ? "defaults" : rules) + ", interval=" + interval
                + ", smtp=" + (smtpHost == null ? "off" : smtpHost + ":" + smtpPort + " " + smtpSecurity
                + (smtpUsername == null ? "" : " with login") + " to " + smtpTo.size() + " recipients")
                + ", webhook=" + (webhook == null ? "off" : webhook.getHost()) + ", tries=" + tries + "]";
    }
}
