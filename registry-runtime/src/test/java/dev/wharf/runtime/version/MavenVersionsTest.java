package dev.wharf.runtime.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MavenVersionsTest {

    /** Maven's documented order of qualifiers, then a few releases around snapshots. */
    private static final List<String> QUALIFIERS =
            List.of("1-alpha", "1-beta", "1-milestone", "1-rc", "1-SNAPSHOT", "1", "1-sp");

    private static final List<String> RELEASES = List.of(
            "1.0-alpha-1",
            "1.0-alpha-2",
            "1.0-alpha-10",
            "1.0-beta-1",
            "1.0.0-SNAPSHOT",
            "1.0.0",
            "1.0.1-SNAPSHOT",
            "1.0.1",
            "1.9",
            "1.10",
            "2.0-rc1",
            "2.0");

    private final MavenVersions scheme = new MavenVersions();

    static Stream<Arguments> qualifierPairs() {
        return Orderings.pairs(QUALIFIERS);
    }

    static Stream<Arguments> releasePairs() {
        return Orderings.pairs(RELEASES);
    }

    @ParameterizedTest
    @MethodSource({"qualifierPairs", "releasePairs"})
    void compareWhenOneVersionPrecedesTheOtherShouldOrderItBelow(String lower, String higher) {
        Orderings.assertStrictlyBelow(scheme, lower, higher);
    }

    @Test
    void sortWhenShuffledShouldGiveMavensOrder() {
        Orderings.assertSortsBack(scheme, QUALIFIERS);
        Orderings.assertSortsBack(scheme, RELEASES);
    }

    @ParameterizedTest
    @CsvSource({
        "1.0, 1",
        "1.0.0, 1",
        "1-ga, 1",
        "1-final, 1",
        "1-release, 1",
        "1.0.0-SNAPSHOT, 1-SNAPSHOT",
        "1-a1, 1-alpha-1",
        "1-cr, 1-rc",
        "1.0-ALPHA, 1.0-alpha"
    })
    void compareWhenMavenHoldsTwoSpellingsEqualShouldAnswerZero(String a, String b) {
        assertThat(scheme.compare(a, b)).isZero();
        assertThat(scheme.compare(b, a)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "1.0-SNAPSHOT, true",
        "1.0-snapshot, true",
        "1.0-20240501.120000-3, true",
        "1.0-rc1, false",
        "1.0-alpha-1, false",
        "1.0, false"
    })
    void isPrereleaseWhenSnapshotShouldBeTrueAndOnlyThen(String version, boolean prerelease) {
        assertThat(scheme.isPrerelease(version)).isEqualTo(prerelease);
    }

    @Test
    void latestWhenReleasesExistShouldBeTheHighestReleaseCandidatesIncluded() {
        assertThat(scheme.latest(List.of("1.0", "1.1-SNAPSHOT", "1.0.1-rc1", "0.9")))
                .contains("1.0.1-rc1");
    }

    @Test
    void latestWhenOnlySnapshotsExistShouldBeTheHighestSnapshot() {
        assertThat(scheme.latest(List.of("1.1-SNAPSHOT", "1.0-SNAPSHOT"))).contains("1.1-SNAPSHOT");
    }

    @Test
    void latestWhenTwoSpellingsAreEqualShouldTakeTheGreaterStringWhateverTheOrder() {
        assertThat(scheme.latest(List.of("1.0", "1"))).contains("1.0");
        assertThat(scheme.latest(List.of("1", "1.0"))).contains("1.0");
    }

    @Test
    void latestWhenNoVersionShouldBeEmpty() {
        assertThat(scheme.latest(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.0-SNAPSHOT", "2.17.0.Final", "1.0-20240501.120000-3", "r09", "1.0+build"})
    void normalizeVersionWhenValidShouldKeepItAsWritten(String version) {
        assertThat(scheme.isValid(version)).isTrue();
        assertThat(scheme.normalizeVersion(version)).isEqualTo(version);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "\"\"|the Maven version '' is not valid: it is empty",
                "1.0 final|the Maven version '1.0 final' is not valid: it contains a space or control character at"
                        + " position 3",
                "1.0/2|the Maven version '1.0/2' is not valid: it contains '/'",
                "1:0|the Maven version '1:0' is not valid: it contains ':'",
                "1.0?|the Maven version '1.0?' is not valid: it contains '?'",
                ".1|the Maven version '.1' is not valid: it starts with '.'",
                "${project.version}|the Maven version '${project.version}' is not valid: it is an unresolved"
                        + " expression"
            })
    void normalizeVersionWhenInvalidShouldSayWhichRuleItBreaks(String version, String message) {
        assertThat(scheme.isValid(version)).isFalse();
        assertThatThrownBy(() -> scheme.normalizeVersion(version))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void normalizeVersionWhenLongerThanTheLimitShouldSaySo() {
        assertThatThrownBy(() -> scheme.parse("1".repeat(129)))
                .hasMessageEndingWith("is not valid: it is 129 characters long; the limit is 128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.example:app", "com.fasterxml.jackson.core:jackson-databind", "junit:junit", "a_b:c.d"})
    void normalizeNameWhenCoordinatesAreValidShouldKeepThem(String name) {
        assertThat(scheme.normalizeName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "app|the Maven coordinates 'app' are not valid: write it as groupId:artifactId",
                "a:b:c|the Maven coordinates 'a:b:c' are not valid: write it as groupId:artifactId",
                ":app|the Maven coordinates ':app' are not valid: the groupId is empty",
                "org.example:|the Maven coordinates 'org.example:' are not valid: the artifactId is empty",
                "org..example:app|the Maven coordinates 'org..example:app' are not valid: the groupId 'org..example'"
                        + " has an empty segment between dots",
                ".org:app|the Maven coordinates '.org:app' are not valid: the groupId '.org' has an empty segment",
                "org.example:app name|the Maven coordinates 'org.example:app name' are not valid: the artifactId"
                        + " 'app name' may only hold letters, digits and _ - .",
                "org/example:app|the Maven coordinates 'org/example:app' are not valid: the groupId 'org/example' may"
                        + " only hold",
                "org.example:.app|the Maven coordinates 'org.example:.app' are not valid: the artifactId must not"
                        + " start with '.'"
            })
    void normalizeNameWhenCoordinatesAreInvalidShouldSayWhichRuleTheyBreak(String name, String message) {
        assertThatThrownBy(() -> scheme.normalizeName(name))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith(message);
    }
}
