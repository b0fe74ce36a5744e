package dev.p21bridge.platform.config;

/** A setting is missing or malformed; the message is the one line a service prints before it stops. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
