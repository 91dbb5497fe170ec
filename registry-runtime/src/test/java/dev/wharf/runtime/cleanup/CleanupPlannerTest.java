package dev.wharf.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicySpec;
import dev.wharf.api.v1alpha1.cleanup.CleanupRule;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.version.VersionScheme;
import dev.wharf.runtime.version.VersionSchemes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@code spec.rules} and how they combine, as a table: each row gives rules and versions and every
 * decision with its reason, word for word.
 */
class CleanupPlannerTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decideWhenRulesMeetVersionsShouldDecideAsSpecRulesDefines(
            String row,
            Format format,
            boolean tagged,
            List<CleanupRule> rules,
            List<VersionFacts> versions,
            List<String> expected) {
        CleanupPlanner planner = new CleanupPlanner(spec(rules));
        VersionScheme scheme = VersionSchemes.of(format);

        List<Decision> decisions = planner.decide(new PackageVersions("reg", 1, "pkg", tagged, versions), scheme, NOW);

        assertThat(decisions.stream().map(CleanupPlannerTest::render)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "keepLatest alone keeps the highest versions in the format's order, not the last pushed",
                        Format.NPM,
                        List.of(rule("keep2").keepLatest(2)),
                        List.of(v(1, "1.10.0", 300), v(2, "1.2.0", 200), v(3, "1.0.0", 100)),
                        "1.10.0 kept by keep2: among the 2 newest (keepLatest 2)",
                        "1.2.0 kept by keep2: among the 2 newest (keepLatest 2)",
                        "1.0.0 DELETE by keep2: pushed 2026-08-29, 100 days ago; not among the 2 newest"),
                row(
                        "olderThan with keepLatest: both must let a version go",
                        Format.MAVEN,
                        List.of(rule("old").keepLatest(1).olderThan("90d")),
                        List.of(v(1, "3.0", 10), v(2, "2.0", 95), v(3, "1.0", 338), v(4, "1.5", 60)),
                        "3.0 kept by old: among the 1 newest (keepLatest 1)",
                        "2.0 DELETE by old: pushed 2026-09-03, 95 days ago; olderThan 90d; not among the 1 newest",
                        "1.5 kept by old: pushed 2026-10-08, 60 days ago: not olderThan 90d",
                        "1.0 DELETE by old: pushed 2026-01-03, 338 days ago; olderThan 90d; not among the 1 newest"),
                row(
                        "notDownloadedFor counts a version never downloaded from its push",
                        Format.NPM,
                        List.of(rule("idle").notDownloadedFor("30d")),
                        List.of(
                                v(1, "3.0.0", 10),
                                downloaded(v(2, "2.0.0", 200), 5),
                                downloaded(v(3, "1.0.0", 300), 45),
                                v(4, "0.9.0", 40)),
                        "3.0.0 kept by idle: pushed 2026-11-27, 10 days ago and never downloaded: within"
                                + " notDownloadedFor 30d",
                        "2.0.0 kept by idle: last downloaded 2026-12-02, 5 days ago: within notDownloadedFor 30d",
                        "1.0.0 DELETE by idle: pushed 2026-02-10, 300 days ago; last downloaded 2026-10-23, 45 days"
                                + " ago; notDownloadedFor 30d",
                        "0.9.0 DELETE by idle: pushed 2026-10-28, 40 days ago; never downloaded; notDownloadedFor 30d"),
                row(
                        "versions globs are anchored and keepLatest counts only the versions they take",
                        Format.MAVEN,
                        List.of(rule("snapshots").versions("*-SNAPSHOT").keepLatest(1)),
                        List.of(
                                v(1, "2.1-SNAPSHOT", 1),
                                v(2, "2.0", 50),
                                v(3, "2.0-SNAPSHOT", 60),
                                v(4, "1.0-SNAPSHOT-old", 70)),
                        "2.1-SNAPSHOT kept by snapshots: among the 1 newest (keepLatest 1)",
                        "2.0 kept, no rule: no rule looks at it",
                        "2.0-SNAPSHOT DELETE by snapshots: pushed 2026-10-08, 60 days ago; not among the 1 newest",
                        "1.0-SNAPSHOT-old kept, no rule: no rule looks at it"),
                row(
                        "a glob matches the whole name, never a part of it",
                        Format.NPM,
                        List.of(rule("rc").versions("rc.*").olderThan("1d")),
                        List.of(v(1, "1.0.0-rc.1", 10)),
                        "1.0.0-rc.1 kept, no rule: no rule looks at it"),
                row(
                        "protect matches a version's tags too, and keeps it from every rule",
                        Format.NPM,
                        List.of(
                                rule("old").olderThan("30d"),
                                rule("guard").protect("latest", "v2*").keepLatest(0)),
                        List.of(tagged(v(1, "1.0.0", 100), "latest"), v(2, "v2.0.0", 100), v(3, "0.9.0", 100)),
                        "v2.0.0 kept by guard: protected by 'v2*'",
                        "1.0.0 kept by guard: protected by 'latest'",
                        "0.9.0 DELETE by old: pushed 2026-08-29, 100 days ago; olderThan 30d"),
                row(
                        "a version is deleted when any rule selects it; the first such rule is named",
                        Format.NPM,
                        List.of(
                                rule("recent").keepLatest(5),
                                rule("stale").notDownloadedFor("10d"),
                                rule("old").olderThan("10d")),
                        List.of(v(1, "1.0.0", 50), v(2, "2.0.0", 5)),
                        "2.0.0 kept by recent: among the 5 newest (keepLatest 5)",
                        "1.0.0 DELETE by stale: pushed 2026-10-18, 50 days ago; never downloaded; notDownloadedFor"
                                + " 10d"),
                row(
                        "packages globs choose which rules look at a package",
                        Format.NPM,
                        List.of(rule("others").packages("other-*").olderThan("1d")),
                        List.of(v(1, "1.0.0", 50)),
                        "1.0.0 kept, no rule: no rule looks at it"),
                row(
                        "where the format has no version order, keepLatest keeps the versions pushed last",
                        Format.DOCKER,
                        List.of(rule("keep1").keepLatest(1)),
                        List.of(v(1, "sha256:aaaa", 5), v(2, "sha256:ffff", 50)),
                        "sha256:aaaa kept by keep1: among the 1 newest (keepLatest 1)",
                        "sha256:ffff DELETE by keep1: pushed 2026-10-18, 50 days ago; not among the 1 newest"),
                tagRow(
                        "untagged never takes a tagged manifest, one an index or referrer needs, or one pulled by"
                                + " digest within the last day",
                        true,
                        List.of(rule("untagged").untagged()),
                        List.of(
                                tagged(v(1, "sha256:01", 30), "v1"),
                                needed(v(2, "sha256:02", 30)),
                                downloaded(v(3, "sha256:03", 30), 0),
                                downloaded(v(4, "sha256:04", 30), 2),
                                v(5, "sha256:05", 40)),
                        "sha256:04 DELETE by untagged: pushed 2026-11-07, 30 days ago; untagged, and no index or"
                                + " referrer needs it",
                        "sha256:03 kept by untagged: untagged, but pulled by digest within the last day: last"
                                + " downloaded 2026-12-07, 0 days ago",
                        "sha256:02 kept by untagged: untagged, but an index or a referrer of its repository needs it",
                        "sha256:01 kept by untagged: tagged v1: not untagged",
                        "sha256:05 DELETE by untagged: pushed 2026-10-28, 40 days ago; untagged, and no index or"
                                + " referrer needs it"),
                tagRow(
                        "untagged selects nothing in a format that does not tag its versions one by one",
                        false,
                        List.of(rule("untagged").untagged()),
                        List.of(v(1, "1.0.0", 30)),
                        "1.0.0 kept by untagged: untagged selects only image manifests, and this format tags none"));
    }

    static CleanupPolicySpec spec(List<CleanupRule> rules) {
        return new CleanupPolicySpec(List.of("reg"), null, "@daily", null, null, null, null, null, rules);
    }

    private static Arguments row(
            String row, Format format, List<RuleBuilder> rules, List<VersionFacts> versions, String... expected) {
        return Arguments.of(
                row, format, false, rules.stream().map(RuleBuilder::build).toList(), versions, List.of(expected));
    }

    private static Arguments tagRow(
            String row, boolean tagged, List<RuleBuilder> rules, List<VersionFacts> versions, String... expected) {
        return Arguments.of(
                row,
                tagged ? Format.DOCKER : Format.NPM,
                tagged,
                rules.stream().map(RuleBuilder::build).toList(),
                versions,
                List.of(expected));
    }

    static String render(Decision decision) {
        String rule = decision.rule() == null ? ", no rule" : " by " + decision.rule();
        return decision.version().version() + (decision.delete() ? " DELETE" : " kept") + rule + ": " + decision.why();
    }

    static VersionFacts v(long id, String version, int daysAgo) {
        return new VersionFacts(id, version, NOW.minus(Duration.ofDays(daysAgo)), null, 100 * id, List.of(), false);
    }

    static VersionFacts downloaded(VersionFacts v, int daysAgo) {
        return new VersionFacts(
                v.id(), v.version(), v.pushedAt(), NOW.minus(Duration.ofDays(daysAgo)), v.sizeBytes(), v.tags(), false);
    }

    static VersionFacts tagged(VersionFacts v, String... tags) {
        return new VersionFacts(
                v.id(), v.version(), v.pushedAt(), v.lastDownloadedAt(), v.sizeBytes(), List.of(tags), v.needed());
    }

    static VersionFacts needed(VersionFacts v) {
        return new VersionFacts(v.id(), v.version(), v.pushedAt(), v.lastDownloadedAt(), v.sizeBytes(), v.tags(), true);
    }

    static RuleBuilder rule(String name) {
        return new RuleBuilder(name);
    }

    /** Builds a rule field by field, as a manifest sets them. */
    static final class RuleBuilder {
        private final String name;
        private @Nullable List<String> packages;
        private @Nullable List<String> versions;
        private @Nullable List<String> protect;
        private @Nullable Integer keepLatest;
        private @Nullable String olderThan;
        private @Nullable String notDownloadedFor;
        private @Nullable Boolean untagged;

        RuleBuilder(String name) {
            this.name = name;
        }

        RuleBuilder packages(String... globs) {
            packages = new ArrayList<>(List.of(globs));
            return this;
        }

        RuleBuilder versions(String... globs) {
            versions = List.of(globs);
            return this;
        }

        RuleBuilder protect(String... globs) {
            protect = List.of(globs);
            return this;
        }

        RuleBuilder keepLatest(int keep) {
            keepLatest = keep;
            return this;
        }

        RuleBuilder olderThan(String duration) {
            olderThan = duration;
            return this;
        }

        RuleBuilder notDownloadedFor(String duration) {
            notDownloadedFor = duration;
            return this;
        }

        RuleBuilder untagged() {
            untagged = true;
            return this;
        }

        CleanupRule build() {
            return new CleanupRule(
                    name, packages, versions, protect, keepLatest, olderThan, notDownloadedFor, untagged);
        }
    }
}
