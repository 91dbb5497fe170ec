package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code vulnerabilities} condition: matches versions affected by an advisory at or above the minimum severity,
 * or by any malicious-package advisory ({@code MAL-}); ignored ids (or their aliases) are disregarded. Undecided while
 * the policy's advisories have not been loaded, or when an affecting advisory carries no severity.
 */
final class KnownVulnerabilities implements Condition {

    private static final int LISTED = 3;

    private final Severity minimum;
    private final Set<String> ignored;
    private final Supplier<Optional<AdvisoryIndex>> advisories;
    private final String requirement;

    KnownVulnerabilities(Severity minimum, List<String> ignored, Supplier<Optional<AdvisoryIndex>> advisories) {
        this.minimum = minimum;
        this.ignored = Set.copyOf(ignored);
        this.advisories = advisories;
        this.requirement = "blocks advisories of " + minimum + " and above and malicious packages"
                + (ignored.isEmpty() ? "" : ", ignoring " + String.join(", ", ignored));
    }

    @Override
    public RuleOutcome test(Candidate candidate, Instant now) {
        Optional<AdvisoryIndex> loaded = advisories.get();
        if (loaded.isEmpty()) {
            return RuleOutcome.undecided("advisories not loaded yet", requirement);
        }
        List<Advisory> matching = new ArrayList<>();
        List<Advisory> unrated = new ArrayList<>();
        List<Advisory> below = new ArrayList<>();
        for (AffectedVersions affected :
                loaded.get().affecting(candidate.ecosystem().osv(), candidate.name())) {
            Advisory advisory = affected.advisory();
            if (advisory.namedIn(ignored) || !affected.affects(candidate.version(), candidate.scheme())) {
                continue;
            }
            if (advisory.malicious()
                    || (advisory.severity() != null && advisory.severity().compareTo(minimum) >= 0)) {
                matching.add(advisory);
            } else if (advisory.severity() == null) {
                unrated.add(advisory);
            } else {
                below.add(advisory);
            }
        }
        List<Advisory> all = new ArrayList<>(matching);
        all.addAll(unrated);
        all.addAll(below);
        if (!matching.isEmpty()) {
            return outcome(RuleOutcome.Kind.MATCHED, "affected by " + list(matching), all);
        }
        if (!unrated.isEmpty()) {
            return outcome(RuleOutcome.Kind.UNDECIDED, "affected by " + list(unrated), all);
        }
        String observed = below.isEmpty()
                ? "no advisory affects " + candidate.version()
                : "affected only below " + minimum + ": " + list(below);
        return outcome(RuleOutcome.Kind.CLEAR, observed, all);
    }

    private RuleOutcome outcome(RuleOutcome.Kind kind, String observed, List<Advisory> advisories) {
        return new RuleOutcome(kind, observed, requirement, advisories);
    }

    private static String list(List<Advisory> advisories) {
        String listed =
                advisories.stream().limit(LISTED).map(Advisory::describe).collect(Collectors.joining(", "));
        return advisories.size() > LISTED ? listed + " and " + (advisories.size() - LISTED) + " more" : listed;
    }
}
