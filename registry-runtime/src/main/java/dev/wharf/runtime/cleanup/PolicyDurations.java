package dev.wharf.runtime.cleanup;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations of cleanup rules: number-and-unit pairs such as {@code 90d}, {@code 2w} or {@code 1h30m}. */
final class PolicyDurations {

    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,6}(ms|s|m|h|d|w))+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,6})(ms|s|m|h|d|w)");

    private PolicyDurations() {}

    /**
     * The duration {@code value} of the field {@code field}.
     *
     * @throws IllegalArgumentException naming the field and the value when it is not a duration
     */
    static Duration parse(String field, String value) {
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " is '" + value
                    + "', which is not a duration; write a number and a unit (ms, s, m, h, d, w), such as 90d or 2w");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "d" -> Duration.ofDays(amount);
                        default -> Duration.ofDays(7 * amount);
                    });
        }
        return total;
    }
}
