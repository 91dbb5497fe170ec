package dev.wharf.runtime.firewall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The {@code minimumAge} condition: matches versions published less than the given time ago (a cooldown). */
final class MinimumAge implements Condition {

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private final Duration minimum;

    MinimumAge(Duration minimum) {
        this.minimum = minimum;
    }

    @Override
    public RuleOutcome test(Candidate candidate, Instant now) {
        String requirement = "needs " + Ages.describe(minimum);
        Instant published = candidate.facts().published();
        if (published == null) {
            return RuleOutcome.undecided("publish time unknown", requirement);
        }
        Duration age = Duration.between(published, now);
        String observed = "published " + MINUTES.format(published.truncatedTo(ChronoUnit.MINUTES)) + ", "
                + Ages.describe(age.isNegative() ? Duration.ZERO : age) + " ago";
        return age.compareTo(minimum) < 0
                ? RuleOutcome.matched(observed, requirement)
                : RuleOutcome.clear(observed, requirement);
    }
}
