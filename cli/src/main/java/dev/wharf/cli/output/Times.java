package dev.wharf.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Times for people: to the second, in UTC, such as {@code 2026-01-31T09:15:00Z}; {@code -} for none. */
public final class Times {

    private Times() {}

    public static String human(JsonNode time) {
        if (time.isMissingNode() || time.isNull()) {
            return "-";
        }
        try {
            return Instant.parse(time.asText()).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return time.asText();
        }
    }
}
