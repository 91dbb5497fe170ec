package dev.wharf.operator;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the operator writes log lines: plain text for people, or one JSON object per line for log collectors. */
public enum LogFormat {
    TEXT,
    JSON;

    /**
     * The format a {@code WHARF_LOG_FORMAT} value names: {@code text} (also when empty) or {@code json}, in any case
     * and with surrounding blanks ignored.
     *
     * @return the format, or null when the value names none
     */
    public static @Nullable LogFormat named(@Nullable String value) {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "text" -> TEXT;
            case "json" -> JSON;
            default -> null;
        };
    }

    /** The name of the logback appender that writes this format. */
    public String appenderName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
