package dev.wharf.runtime.cleanup;

import dev.wharf.api.v1alpha1.cleanup.CleanupRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a CleanupPolicy, read once: its globs compiled and its durations parsed. It answers, for a version it
 * looks at and is not kept by {@code keepLatest}, whether every condition it sets holds, and says why in words either
 * way.
 */
final class PolicyRule {

    /** How recent a pull by digest keeps an untagged manifest when the rule sets no {@code notDownloadedFor}. */
    static final Duration UNTAGGED_PULL_WINDOW = Duration.ofDays(1);

    private final CleanupRule rule;
    private final List<Glob> packages;
    private final List<Glob> versions;
    private final List<Glob> protect;
    private final @Nullable Duration olderThan;
    private final @Nullable Duration notDownloadedFor;

    private PolicyRule(CleanupRule rule, String field) {
        this.rule = rule;
        this.packages = Glob.all(rule.packages());
        this.versions = Glob.all(rule.versions());
        this.protect = Glob.all(rule.protect());
        String older = rule.olderThan();
        String notDownloaded = rule.notDownloadedFor();
        this.olderThan = older == null ? null : PolicyDurations.parse(field + ".olderThan", older);
        this.notDownloadedFor =
                notDownloaded == null ? null : PolicyDurations.parse(field + ".notDownloadedFor", notDownloaded);
    }

    /** The rule at {@code index} of {@code spec.rules}. */
    static PolicyRule of(int index, CleanupRule rule) {
        return new PolicyRule(rule, "spec.rules[" + index + "]");
    }

    String name() {
        return rule.name();
    }

    /** How many newest versions of each package it keeps; 0 when it sets none. */
    int keepLatest() {
        Integer keep = rule.keepLatest();
        return keep == null ? 0 : keep;
    }

    boolean looksAtPackage(String packageName) {
        return packages.isEmpty() || packages.stream().anyMatch(glob -> glob.matches(packageName));
    }

    /** Whether its version globs take the version: its name or one of its tags matches one. */
    boolean looksAt(VersionFacts version) {
        return versions.isEmpty() || matchesAny(versions, version).isPresent();
    }

    /** The first of its {@code protect} globs that the version's name or one of its tags matches. */
    Optional<String> protects(VersionFacts version) {
        return matchesAny(protect, version);
    }

    /**
     * Whether the version meets every condition the rule sets; its reason in words either way.
     *
     * @param tagged whether the version's format tags versions one by one
     */
    Verdict judge(VersionFacts version, boolean tagged, Instant now) {
        StringBuilder why = new StringBuilder(Words.pushed(version.pushedAt(), now));
        Duration older = olderThan;
        if (older != null) {
            if (!version.pushedAt().isBefore(now.minus(older))) {
                return Verdict.kept(why + ": not olderThan " + rule.olderThan());
            }
            why.append("; olderThan ").append(rule.olderThan());
        }
        Duration notDownloaded = notDownloadedFor;
        Instant downloaded = version.lastDownloadedAt();
        if (notDownloaded != null) {
            Instant last = downloaded == null ? version.pushedAt() : downloaded;
            if (!last.isBefore(now.minus(notDownloaded))) {
                return Verdict.kept(
                        downloaded == null
                                ? why + " and never downloaded: within notDownloadedFor " + rule.notDownloadedFor()
                                : Words.downloaded(downloaded, now) + ": within notDownloadedFor "
                                        + rule.notDownloadedFor());
            }
            why.append(downloaded == null ? "; never downloaded" : "; " + Words.downloaded(downloaded, now))
                    .append("; notDownloadedFor ")
                    .append(rule.notDownloadedFor());
        }
        if (Boolean.TRUE.equals(rule.untagged())) {
            if (!tagged) {
                return Verdict.kept("untagged selects only image manifests, and this format tags none");
            }
            if (!version.tags().isEmpty()) {
                return Verdict.kept("tagged " + String.join(", ", version.tags()) + ": not untagged");
            }
            if (version.needed()) {
                return Verdict.kept("untagged, but an index or a referrer of its repository needs it");
            }
            if (notDownloaded == null && downloaded != null && !downloaded.isBefore(now.minus(UNTAGGED_PULL_WINDOW))) {
                return Verdict.kept(
                        "untagged, but pulled by digest within the last day: " + Words.downloaded(downloaded, now));
            }
            why.append("; untagged, and no index or referrer needs it");
        }
        return new Verdict(true, why.toString());
    }

    private static Optional<String> matchesAny(List<Glob> globs, VersionFacts version) {
        for (Glob glob : globs) {
            if (glob.matches(version.version()) || version.tags().stream().anyMatch(glob::matches)) {
                return Optional.of(glob.text());
            }
        }
        return Optional.empty();
    }

    /** Whether a rule's conditions all hold for a version, and why in words. */
    record Verdict(boolean selected, String why) {

        static Verdict kept(String why) {
            return new Verdict(false, why);
        }
    }
}
