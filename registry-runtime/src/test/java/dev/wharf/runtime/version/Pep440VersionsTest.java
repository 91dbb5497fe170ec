package dev.wharf.runtime.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Pep440VersionsTest {

    /** The specification's own example of every kind of segment in order ("Summary of permitted suffixes"). */
    private static final List<String> SPECIFICATION = List.of(
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1");

    /** Epochs, long release segments, and numbers beyond a long. */
    private static final List<String> EPOCHS = List.of(
            "0.9",
            "1.0.post1",
            "2013.10",
            "2014.04",
            "20190502120000",
            "99999999999999999999.0",
            "1!0.1",
            "1!1.0.dev1",
            "1!1.0",
            "2!0.0.1");

    private final Pep440Versions scheme = new Pep440Versions();

    static Stream<Arguments> specificationPairs() {
        return Orderings.pairs(SPECIFICATION);
    }

    static Stream<Arguments> epochPairs() {
        return Orderings.pairs(EPOCHS);
    }

    @ParameterizedTest
    @MethodSource({"specificationPairs", "epochPairs"})
    void compareWhenOneVersionPrecedesTheOtherShouldOrderItBelow(String lower, String higher) {
        Orderings.assertStrictlyBelow(scheme, lower, higher);
    }

    @Test
    void sortWhenShuffledShouldGiveTheSpecificationsOrder() {
        Orderings.assertSortsBack(scheme, SPECIFICATION);
        Orderings.assertSortsBack(scheme, EPOCHS);
    }

    @ParameterizedTest
    @CsvSource({
        "1.0-ALPHA.1, 1.0a1",
        "v1.0, 1.0",
        "1.0, 1.0.0",
        "1.0, 0!1.0",
        "1.0c1, 1.0rc1",
        "1.0-1, 1.0.post1",
        "1.0+Ubuntu-1, 1.0+ubuntu.1"
    })
    void compareWhenTwoSpellingsHaveOneNormalFormShouldAnswerZero(String a, String b) {
        assertThat(scheme.compare(a, b)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "1.0-ALPHA.1, 1.0a1",
        "1.0alpha1, 1.0a1",
        "1.0.beta.2, 1.0b2",
        "v1.0, 1.0",
        "V1.0, 1.0",
        "1.0c1, 1.0rc1",
        "1.0pre1, 1.0rc1",
        "1.0.0-PREVIEW2, 1.0.0rc2",
        "1.0a, 1.0a0",
        "1.0-1, 1.0.post1",
        "1.0.post, 1.0.post0",
        "1.0-r4, 1.0.post4",
        "1.0rev4, 1.0.post4",
        "1.0-dev, 1.0.dev0",
        "1.0_dev-3, 1.0.dev3",
        "01.02, 1.2",
        "1.0.0, 1.0.0",
        "0!1.0, 1.0",
        "1!2.0b3.rev4.dev5+A_b, 1!2.0b3.post4.dev5+a.b",
        "1.0+Ubuntu-1, 1.0+ubuntu.1",
        "' 1.0 ', 1.0"
    })
    void normalizeVersionShouldGiveTheSpecificationsNormalForm(String version, String normal) {
        assertThat(scheme.normalizeVersion(version)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"french toast", "1.0+", "1.0+abc_", "1.0.", "", "1.0a1b2", "1.0-", "1..0", "1.0+a+b", "1.0.devx"
            })
    void normalizeVersionWhenNotPep440ShouldSayWhatIsExpected(String version) {
        assertThat(scheme.isValid(version)).isFalse();
        assertThatThrownBy(() -> scheme.normalizeVersion(version))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("the PEP 440 version '" + version + "' is not valid: write"
                        + " [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], such as 1.0, 2.1rc1 or 1.0.post2");
    }

    @Test
    void normalizeVersionWhenLongerThanTheLimitShouldSaySo() {
        assertThatThrownBy(() -> scheme.normalizeVersion("1." + "0".repeat(127)))
                .hasMessageEndingWith("is not valid: it is 129 characters long; the limit is 128");
    }

    @ParameterizedTest
    @CsvSource({
        "1.0a1, true",
        "1.0b2, true",
        "1.0rc1, true",
        "1.0.dev1, true",
        "1.0.post1.dev1, true",
        "1.0.post1, false",
        "1.0, false",
        "1.0+local.7, false",
        "1!2.0, false"
    })
    void isPrereleaseWhenPreOrDevReleaseShouldBeTrueButNotForPostReleases(String version, boolean prerelease) {
        assertThat(scheme.isPrerelease(version)).isEqualTo(prerelease);
    }

    @Test
    void latestWhenReleasesExistShouldBeTheHighestReleasePostReleasesIncluded() {
        assertThat(scheme.latest(List.of("1.0", "1.1rc1", "1.0.post1", "1.1.dev3")))
                .contains("1.0.post1");
    }

    @Test
    void latestWhenOnlyPrereleasesExistShouldBeTheHighestPrerelease() {
        assertThat(scheme.latest(List.of("1.0a1", "1.0b1", "0.9.dev2"))).contains("1.0b1");
    }

    @Test
    void latestWhenAnEpochIsPresentShouldRankItAboveEveryVersionWithout() {
        assertThat(scheme.latest(List.of("2024.1", "1!0.1"))).contains("1!0.1");
    }

    @Test
    void parseShouldExposeTheVersionsSegmentsForRangeChecks() {
        Pep440Version version = scheme.parse("1!2.0b3.post4.dev5+A_b");

        assertThat(version.epoch()).isEqualTo(BigInteger.ONE);
        assertThat(version.release()).containsExactly(BigInteger.TWO, BigInteger.ZERO);
        assertThat(version.prePhase()).isEqualTo("b");
        assertThat(version.pre()).isEqualTo(BigInteger.valueOf(3));
        assertThat(version.post()).isEqualTo(BigInteger.valueOf(4));
        assertThat(version.dev()).isEqualTo(BigInteger.valueOf(5));
        assertThat(version.local()).isEqualTo("a.b");
    }

    @ParameterizedTest
    @CsvSource({
        "Friendly-Bar_baz, friendly-bar-baz",
        "Friendly.Bar, friendly-bar",
        "foo__bar..baz, foo-bar-baz",
        "foo-_.bar, foo-bar",
        "Django, django",
        "A, a",
        "zope.interface, zope-interface"
    })
    void normalizeNameShouldGivePep503sNormalForm(String name, String normal) {
        assertThat(scheme.normalizeName(name)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-foo", "foo-", ".foo", "foo bar", "", "f\u00f3o", "foo/bar", "foo+bar"})
    void normalizeNameWhenNotAValidProjectNameShouldSayWhatIsAllowed(String name) {
        assertThatThrownBy(() -> scheme.normalizeName(name))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("the PyPI project name '" + Echo.printable(name) + "' is not valid: use ASCII letters,"
                        + " digits, '.', '_' and '-', starting and ending with a letter or digit");
    }
}
