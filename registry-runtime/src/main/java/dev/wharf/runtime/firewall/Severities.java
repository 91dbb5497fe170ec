package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.Severity;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Severities from CVSS base scores (the CVSS v3 rating scale) and from advisories' own ratings. */
final class Severities {

    private Severities() {}

    /** The rating of a CVSS base score: 9.0 and above CRITICAL, 7.0 HIGH, 4.0 MEDIUM, else LOW. */
    static Severity ofScore(double score) {
        if (score >= 9.0) {
            return Severity.CRITICAL;
        }
        if (score >= 7.0) {
            return Severity.HIGH;
        }
        if (score >= 4.0) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    /** A rating as advisories write it ({@code MODERATE} is GitHub's MEDIUM); null when it is none of them. */
    static @Nullable Severity ofRating(String rating) {
        return switch (rating.toUpperCase(Locale.ROOT)) {
            case "LOW" -> Severity.LOW;
            case "MODERATE", "MEDIUM" -> Severity.MEDIUM;
            case "HIGH" -> Severity.HIGH;
            case "CRITICAL" -> Severity.CRITICAL;
            default -> null;
        };
    }
}
