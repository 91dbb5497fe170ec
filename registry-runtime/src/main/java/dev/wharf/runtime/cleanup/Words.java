package dev.wharf.runtime.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The times of a plan's reasons in words: a UTC date and how many whole days before the plan it was. */
final class Words {

    private Words() {}

    static String pushed(Instant pushedAt, Instant now) {
        return "pushed " + date(pushedAt) + ", " + daysAgo(pushedAt, now);
    }

    static String downloaded(Instant downloadedAt, Instant now) {
        return "last downloaded " + date(downloadedAt) + ", " + daysAgo(downloadedAt, now);
    }

    private static String date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String daysAgo(Instant instant, Instant now) {
        long days = Duration.between(instant, now).toDays();
        return days == 1 ? "1 day ago" : days + " days ago";
    }

    /** The text, cut to {@code max} characters with an ellipsis when longer. */
    static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
