package dev.p21bridge.app.console.alerts;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/**
 * Sends each notification as one plain-text e-mail through the operator's SMTP server (Jakarta Mail, Eclipse
 * Angus's implementation). Time-outs are bounded so an unreachable server fails a try instead of hanging the
 * channel. The name shown is the server's host; recipients and password stay out of pages and logs.
 */
public final class SmtpAlertChannel implements AlertChannel {

    private static final String TIMEOUT_MS = "10000";

    private final AlertConfig config;
    private final Session session;

    public SmtpAlertChannel(AlertConfig config) {
        this.config = config;
        Properties props = new Properties();
        String protocol = config.smtpSecurity() == AlertConfig.SmtpSecurity.TLS ? "smtps" : "smtp";
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", config.smtpHost());
        props.put("mail." + protocol + ".port", String.valueOf(config.smtpPort()));
        props.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        if (config.smtpSecurity() == AlertConfig.SmtpSecurity.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (config.smtpSecurity() != AlertConfig.SmtpSecurity.NONE) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Authenticator login = null;
        if (config.smtpUsername() != null) {
            props.put("mail." + protocol + ".auth", "true");
            login = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(config.smtpUsername(), config.smtpPassword());
                }
            };
        }
        this.session = Session.getInstance(props, login);
    }

    @Override
    public String id() {
        return "email";
    }

    @Override
    public String name() {
        return "e-mail via " + config.smtpHost();
    }

    @Override
    public void send(AlertNotification notification) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.smtpFrom()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", config.smtpTo())));
        message.setSubject(notification.subject(), "UTF-8");
        message.setSentDate(Date.from(notification.at()));
        message.setText(notification.text() + "\n\nRule: " + notification.rule() + " (" + notification.kind().id()
                + ")\nSee the console's Alerts page.\n", "UTF-8");
        Transport.send(message);
    }
}
