package dev.wharf.runtime.proxy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads the CRDs' durations: one or more number-and-unit pairs such as {@code 30s}, {@code 1h30m} or {@code 7d}. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,6}(ms|s|m|h|d|w))+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,6})(ms|s|m|h|d|w)");

    private Durations() {}

    /**
     * The duration {@code value} of the field {@code field}, or {@code unset} when it is null.
     *
     * @throws IllegalArgumentException naming the field and the value when it is not a duration
     */
    public static Duration parse(String field, @Nullable String value, Duration unset) {
        if (value == null) {
            return unset;
        }
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " is '" + value
                    + "', which is not a duration; write a number and a unit (ms, s, m, h, d, w), such as 30s, 1h30m"
                    + " or 7d");
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
