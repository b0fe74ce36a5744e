package dev.p21bridge.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One environment setting with its name, default and a one-line description, in the manner of Kafka's
 * {@code ConfigDef} and Debezium's {@code Field}. A setting without a default is required.
 *
 * @param parser turns the raw text into the value; throws {@link IllegalArgumentException} with a reason
 */
public record Setting<T>(String name, String description, T defaultValue, Function<String, T> parser) {

    public static Setting<String> string(String name, String description, String defaultValue) {
        return new Setting<>(name, description, defaultValue, Function.identity());
    }

    public static Setting<String> required(String name, String description) {
        return new Setting<>(name, description, null, Function.identity());
    }

    public static Setting<Integer> integer(String name, String description, Integer defaultValue, int min, int max) {
        return new Setting<>(name, description, defaultValue, text -> {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must lie between " + min + " and " + max);
            }
            return value;
        });
    }

    public static Setting<Integer> port(String name, String description, Integer defaultValue) {
        return integer(name, description, defaultValue, 0, 65_535);
    }

    /** A duration as ISO-8601 ({@code PT2S}) or a number with a unit: {@code 500ms}, {@code 2s}, {@code 10m}, {@code 1h}, {@code 7d}. */
    public static Setting<Duration> duration(String name, String description, Duration defaultValue) {
        return new Setting<>(name, description, defaultValue, Setting::parseDuration);
    }

    public static Setting<URI> url(String name, String description, URI defaultValue) {
        return new Setting<>(name, description, defaultValue, text -> {
            URI uri;
            try {
                uri = URI.create(text.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL with a host");
            }
            return uri;
        });
    }

    /** A comma-separated list; blanks dropped. */
    public static Setting<List<String>> list(String name, String description, List<String> defaultValue) {
        return new Setting<>(name, description, defaultValue, text -> {
            List<String> values = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (values.isEmpty()) {
                throw new IllegalArgumentException("must name at least one value");
            }
            return values;
        });
    }

    static Duration parseDuration(String raw) {
        String text = raw.trim().toLowerCase();
        if (text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration");
            }
        }
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 2s, 10m, 1h or 7d");
        }
        long amount = Long.parseLong(text.substring(0, split));
        return switch (text.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit, use ms, s, m, h or d");
        };
    }
}
