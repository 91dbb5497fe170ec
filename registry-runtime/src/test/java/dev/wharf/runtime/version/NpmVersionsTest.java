package dev.wharf.runtime.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpmVersionsTest {

    /** semver.org's precedence example (section 11.4), then releases. */
    private static final List<String> SEMVER_ORG = List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "1.10.0",
            "2.0.0");

    /** What a numeric-minded library gets wrong: alphanumeric identifiers compare in ASCII, numbers exactly. */
    private static final List<String> IDENTIFIERS = List.of(
            "1.0.0-1",
            "1.0.0-9999999999",
            "1.0.0-9223372036854775807",
            "1.0.0--x",
            "1.0.0-Alpha",
            "1.0.0-alpha10",
            "1.0.0-alpha9",
            "1.0.0-undef");

    private final NpmVersions scheme = new NpmVersions();

    static Stream<Arguments> semverOrgPairs() {
        return Orderings.pairs(SEMVER_ORG);
    }

    static Stream<Arguments> identifierPairs() {
        return Orderings.pairs(IDENTIFIERS);
    }

    @ParameterizedTest
    @MethodSource({"semverOrgPairs", "identifierPairs"})
    void compareWhenOneVersionPrecedesTheOtherShouldOrderItBelow(String lower, String higher) {
        Orderings.assertStrictlyBelow(scheme, lower, higher);
    }

    @Test
    void sortWhenShuffledShouldGiveSemverPrecedence() {
        Orderings.assertSortsBack(scheme, SEMVER_ORG);
        Orderings.assertSortsBack(scheme, IDENTIFIERS);
    }

    @ParameterizedTest
    @CsvSource({"1.0.0+build.1, 1.0.0+build.2", "1.0.0+build.1, 1.0.0", "v1.2.3, 1.2.3", "=1.2.3-rc.1, 1.2.3-rc.1"})
    void compareWhenOnlyBuildMetadataOrSpellingDiffersShouldAnswerZero(String a, String b) {
        assertThat(scheme.compare(a, b)).isZero();
    }

    @Test
    void compareWhenOneIsNotAVersionShouldPutItBelowEveryVersion() {
        List<String> versions = new ArrayList<>(List.of("1.0.0", "latest", "0.0.1", "beta"));

        versions.sort(scheme);

        assertThat(versions).containsExactly("beta", "latest", "0.0.1", "1.0.0");
    }

    @ParameterizedTest
    @CsvSource({
        "1.2.3, 1.2.3",
        "v1.2.3, 1.2.3",
        "=1.2.3, 1.2.3",
        "' =v1.2.3 ', 1.2.3",
        "1.2.3+build.5, 1.2.3",
        "1.0.0-rc.1+sha.5114f85, 1.0.0-rc.1",
        "0.0.0-0, 0.0.0-0"
    })
    void normalizeVersionWhenNpmWouldCleanItShouldCleanItTheSameWay(String version, String cleaned) {
        assertThat(scheme.normalizeVersion(version)).isEqualTo(cleaned);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "1.2|the npm version '1.2' is not valid: write MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] as semver 2.0.0",
                "01.2.3|the npm version '01.2.3' is not valid: write MAJOR.MINOR.PATCH",
                "1.2.3beta|the npm version '1.2.3beta' is not valid: write MAJOR.MINOR.PATCH",
                "1.0.0-01|the npm version '1.0.0-01' is not valid: write MAJOR.MINOR.PATCH",
                "1.2.3.4|the npm version '1.2.3.4' is not valid: write MAJOR.MINOR.PATCH",
                "a.b.c|the npm version 'a.b.c' is not valid: write MAJOR.MINOR.PATCH",
                "1.0.0-|the npm version '1.0.0-' is not valid: write MAJOR.MINOR.PATCH",
                "\"\"|the npm version '' is not valid: it holds no version number",
                "v|the npm version 'v' is not valid: it holds no version number",
                "9007199254740992.0.0|the npm version '9007199254740992.0.0' is not valid: the major version is larger"
                        + " than 9007199254740991, npm's limit",
                "1.0.0-99999999999999999999|the npm version '1.0.0-99999999999999999999' is not valid: a number in it"
                        + " is larger than 9223372036854775807, the most this registry reads",
                "1.9007199254740992.0|the npm version '1.9007199254740992.0' is not valid: the minor version is larger"
            })
    void normalizeVersionWhenNotSemverShouldSayWhatIsExpected(String version, String message) {
        assertThat(scheme.isValid(version)).isFalse();
        assertThatThrownBy(() -> scheme.normalizeVersion(version))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource({"1.0.0-rc.1, true", "1.0.0-0, true", "1.0.0, false", "1.0.0+build.1, false", "v2.0.0-beta, true"})
    void isPrereleaseWhenTheVersionHasPrereleaseIdentifiersShouldBeTrue(String version, boolean prerelease) {
        assertThat(scheme.isPrerelease(version)).isEqualTo(prerelease);
    }

    @Test
    void isPrereleaseWhenNotAVersionShouldThrowNamingIt() {
        assertThatThrownBy(() -> scheme.isPrerelease("next"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith("the npm version 'next' is not valid");
    }

    @Test
    void latestWhenReleasesExistShouldBeTheHighestRelease() {
        assertThat(scheme.latest(List.of("1.0.0", "1.1.0-beta.1", "0.9.0", "1.0.0-rc.1")))
                .contains("1.0.0");
    }

    @Test
    void latestWhenOnlyPrereleasesExistShouldBeTheHighestPrerelease() {
        assertThat(scheme.latest(List.of("1.0.0-alpha", "1.0.0-beta", "0.1.0-rc.1")))
                .contains("1.0.0-beta");
    }

    @Test
    void latestWhenSomeAreNotVersionsShouldLeaveThemOut() {
        assertThat(scheme.latest(List.of("not-a-version", "0.1.0"))).contains("0.1.0");
        assertThat(scheme.latest(List.of("not-a-version"))).isEmpty();
    }

    @Test
    void latestShouldAnswerTheVersionAsGiven() {
        assertThat(scheme.latest(List.of("v2.0.0", "1.0.0"))).contains("v2.0.0");
    }

    @Test
    void parseShouldExposeTheSemanticVersionForRangeChecks() {
        SemanticVersion version = scheme.parse("v1.2.3-rc.1+build.7");

        assertThat(version).isEqualTo(new SemanticVersion(1, 2, 3, List.of("rc", "1"), List.of("build", "7")));
        assertThat(version.compareTo(scheme.parse("1.2.3"))).isNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "@scope/foo", "foo-bar.baz_qux", "a", "@my-org/my.pkg", "123"})
    void normalizeNameWhenValidForANewPackageShouldKeepIt(String name) {
        assertThat(scheme.normalizeName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                ".foo|the npm package name '.foo' is not valid: name cannot start with a period",
                "_foo|the npm package name '_foo' is not valid: name cannot start with an underscore",
                "Foo|the npm package name 'Foo' is not valid: name can no longer contain capital letters",
                "@scope/|the npm package name '@scope/' is not valid: a scoped name is written @scope/name, with"
                        + " neither part empty",
                "@/foo|the npm package name '@/foo' is not valid: a scoped name is written @scope/name, with neither",
                "@scope|the npm package name '@scope' is not valid: a scoped name is written @scope/name",
                "@scope/.foo|the npm package name '@scope/.foo' is not valid: name cannot start with a period",
                "\" foo\"|the npm package name ' foo' is not valid: name cannot contain leading or trailing spaces",
                "node_modules|the npm package name 'node_modules' is not valid: node_modules is not a valid package",
                "favicon.ico|the npm package name 'favicon.ico' is not valid: favicon.ico is not a valid package",
                "foo bar|the npm package name 'foo bar' is not valid: name can only contain URL-friendly characters,"
                        + " not ' '",
                "foo/bar|the npm package name 'foo/bar' is not valid: name can only contain URL-friendly characters",
                "@sco pe/foo|the npm package name '@sco pe/foo' is not valid: name can only contain URL-friendly",
                "@scope/a/b|the npm package name '@scope/a/b' is not valid: name can only contain URL-friendly",
                "fóo|the npm package name 'f\\u00f3o' is not valid: name can only contain URL-friendly characters",
                "foo!|the npm package name 'foo!' is not valid: name can no longer contain special characters",
                "\"\"|the npm package name '' is not valid: name length must be greater than zero"
            })
    void normalizeNameWhenInvalidShouldSayWhichRuleItBreaks(String name, String message) {
        assertThatThrownBy(() -> scheme.normalizeName(name))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void normalizeNameWhenLongerThan214CharactersShouldRefuseANewPackage() {
        String name = "a".repeat(215);

        assertThatThrownBy(() -> scheme.normalizeName(name))
                .hasMessageEndingWith("is not valid: name can no longer contain more than 214 characters");
        assertThat(scheme.existingName(name)).isEqualTo(name);
        assertThat(scheme.normalizeName("a".repeat(214))).hasSize(214);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSONStream", "foo!", "@Scope/Foo"})
    void existingNameWhenOnlyTheNewPackageRulesAreBrokenShouldKeepIt(String name) {
        assertThat(scheme.existingName(name)).isEqualTo(name);
    }

    @Test
    void existingNameWhenARuleForEveryNameIsBrokenShouldStillRefuseIt() {
        assertThatThrownBy(() -> scheme.existingName(".Foo"))
                .hasMessage("the npm package name '.Foo' is not valid: name cannot start with a period");
    }
}
