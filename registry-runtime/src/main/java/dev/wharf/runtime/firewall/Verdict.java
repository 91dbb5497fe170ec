package dev.wharf.runtime.firewall;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The firewall's decision on one version: the strongest decision of its findings, every rule's finding (for the
 * explanation), and the exemptions that let it through.
 *
 * @param decision PASSED, WARNING or BLOCKED
 * @param findings every rule of every policy that applies, in policy then rule order
 * @param exemptions the exemptions that applied, each as "policy P exempts G until D: reason"
 * @param evaluatedAt when it was decided
 */
public record Verdict(Decision decision, List<Finding> findings, List<String> exemptions, Instant evaluatedAt) {

    /** The three decisions, weakest first. */
    public enum Decision {
        /** Served. */
        PASSED,
        /** Served and flagged. */
        WARNING,
        /** Hidden from metadata and refused on download. */
        BLOCKED
    }

    public Verdict {
        findings = List.copyOf(findings);
        exemptions = List.copyOf(exemptions);
    }

    /** A version no policy applies to. */
    public static Verdict unguarded(Instant now) {
        return new Verdict(Decision.PASSED, List.of(), List.of(), now);
    }

    /** The verdict of these findings: the strongest decision among them, PASSED when none applies. */
    static Verdict of(List<Finding> findings, List<String> exemptions, Instant now) {
        Decision decision = findings.stream()
                .map(Finding::decision)
                .max(Comparator.naturalOrder())
                .orElse(Decision.PASSED);
        return new Verdict(decision, findings, exemptions, now);
    }

    /** The findings whose action applies (including those audit mode only records). */
    public List<Finding> applied() {
        return findings.stream().filter(Finding::applies).toList();
    }

    /** Why, in one line: the messages of the findings that made the decision; empty for a version that passed. */
    public String reason() {
        return findings.stream()
                .filter(finding -> finding.decision() == decision && decision != Decision.PASSED)
                .map(Finding::message)
                .collect(Collectors.joining("; and "));
    }
}
