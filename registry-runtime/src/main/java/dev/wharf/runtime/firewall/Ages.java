package dev.wharf.runtime.firewall;

import java.time.Duration;

/** Durations in the words of a verdict: whole hours below a week ({@code 21 h}), else days ({@code 9 d}). */
final class Ages {

    private Ages() {}

    static String describe(Duration duration) {
        long hours = duration.toHours();
        if (hours < 1) {
            return duration.toMinutes() + " min";
        }
        if (hours < 24 * 7) {
            return hours + " h";
        }
        return duration.toDays() + " d";
    }
}
