package dev.wharf.runtime.cleanup;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicySpec;
import dev.wharf.api.v1alpha1.cleanup.CleanupRule;
import dev.wharf.runtime.version.VersionScheme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Decides, a package at a time, which versions a CleanupPolicy deletes and why, as {@code spec.rules} defines it: a
 * rule looks at the versions of the packages its {@code packages} match whose name or a tag its {@code versions}
 * match; of those it keeps its {@code keepLatest} newest and selects every other one meeting all its conditions; a
 * version is a candidate when a rule selects it and no {@code protect} glob of a rule looking at its package matches
 * it. Pure: the time is given, nothing is read or written.
 */
public final class CleanupPlanner {

    private final List<PolicyRule> rules;

    public CleanupPlanner(CleanupPolicySpec spec) {
        List<CleanupRule> given = spec.rules();
        this.rules = IntStream.range(0, given.size())
                .mapToObj(index -> PolicyRule.of(index, given.get(index)))
                .toList();
    }

    /**
     * Every version of the package with the decision on it, in the package's order newest first.
     *
     * @param scheme the format's version scheme: {@code keepLatest} keeps the highest versions where it orders
     *     versions, the versions pushed last where it does not
     */
    public List<Decision> decide(PackageVersions pkg, VersionScheme scheme, Instant now) {
        List<PolicyRule> looking = rules.stream()
                .filter(rule -> rule.looksAtPackage(pkg.packageName()))
                .toList();
        List<VersionFacts> newestFirst = new ArrayList<>(pkg.versions());
        newestFirst.sort(newestFirst(scheme));
        Map<Long, Decision> selected = new HashMap<>();
        Map<Long, Decision> kept = new HashMap<>();
        for (PolicyRule rule : looking) {
            int keep = rule.keepLatest();
            int seen = 0;
            for (VersionFacts version : newestFirst) {
                if (!rule.looksAt(version)) {
                    continue;
                }
                seen++;
                if (selected.containsKey(version.id())) {
                    continue;
                }
                if (seen <= keep) {
                    kept.putIfAbsent(
                            version.id(),
                            decision(
                                    pkg,
                                    version,
                                    false,
                                    rule,
                                    "among the " + keep + " newest (keepLatest " + keep + ")"));
                    continue;
                }
                PolicyRule.Verdict verdict = rule.judge(version, pkg.tagged(), now);
                String why = verdict.selected() && keep > 0
                        ? verdict.why() + "; not among the " + keep + " newest"
                        : verdict.why();
                if (verdict.selected()) {
                    selected.put(version.id(), decision(pkg, version, true, rule, why));
                } else {
                    kept.putIfAbsent(version.id(), decision(pkg, version, false, rule, why));
                }
            }
        }
        List<Decision> decisions = new ArrayList<>(newestFirst.size());
        for (VersionFacts version : newestFirst) {
            Optional<Decision> protectedBy = protection(pkg, looking, version);
            Decision candidate = selected.get(version.id());
            if (protectedBy.isPresent()) {
                decisions.add(protectedBy.get());
            } else if (candidate != null) {
                decisions.add(candidate);
            } else {
                Decision keptBy = kept.get(version.id());
                decisions.add(keptBy != null ? keptBy : decision(pkg, version, false, null, "no rule looks at it"));
            }
        }
        return decisions;
    }

    private static Optional<Decision> protection(PackageVersions pkg, List<PolicyRule> looking, VersionFacts version) {
        for (PolicyRule rule : looking) {
            Optional<String> glob = rule.protects(version);
            if (glob.isPresent()) {
                return Optional.of(decision(pkg, version, false, rule, "protected by '" + glob.get() + "'"));
            }
        }
        return Optional.empty();
    }

    private static Decision decision(
            PackageVersions pkg, VersionFacts version, boolean delete, @Nullable PolicyRule rule, String why) {
        return new Decision(
                pkg.registry(),
                pkg.packageId(),
                pkg.packageName(),
                version,
                delete,
                rule == null ? null : rule.name(),
                why);
    }

    /**
     * Newest first: by the scheme's order where it has one (versions it cannot parse last), then by push time and id,
     * so that the order never depends on the order the versions were read in.
     */
    static Comparator<VersionFacts> newestFirst(VersionScheme scheme) {
        Comparator<VersionFacts> byPush = Comparator.comparing(VersionFacts::pushedAt)
                .thenComparingLong(VersionFacts::id)
                .reversed();
        if (!scheme.ordersVersions()) {
            return byPush;
        }
        Comparator<VersionFacts> byScheme =
                Comparator.comparing(VersionFacts::version, scheme).reversed();
        return byScheme.thenComparing(byPush);
    }
}
