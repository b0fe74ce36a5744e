package dev.p21bridge.platform.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): either delay-seconds ({@code 120}) or an
 * HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT}). A date in the past means "now" (zero); anything unreadable is
 * empty, and the caller falls back to its own backoff. A delay beyond {@link #MAX_DELAY} is read as that: callers add
 * the delay to the clock, and {@code Retry-After: 9223372036854775807} would make {@code Instant.plus} throw.
 */
public final class RetryAfter {

    /** The longest delay read; callers cap further to their own limits. */
    public static final Duration MAX_DELAY = Duration.ofDays(1);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(capped(Duration.ofSeconds(Long.parseLong(text))));
            } catch (NumberFormatException beyondALong) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? capped(Duration.between(now, at)) : Duration.ZERO);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Duration capped(Duration delay) {
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
