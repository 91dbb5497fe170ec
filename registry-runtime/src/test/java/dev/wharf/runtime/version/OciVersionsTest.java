package dev.wharf.runtime.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OciVersionsTest {

    private final OciVersions scheme = new OciVersions();

    @ParameterizedTest
    @ValueSource(strings = {"ubuntu", "library/ubuntu", "a/b-c/d__e", "x.y/z_1", "a--b"})
    void normalizeNameWhenTheSpecsGrammarAllowsItShouldKeepIt(String name) {
        assertThat(scheme.normalizeName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Library/ubuntu", "a//b", "-a", "a-", "a/", "a___b", "a b", "a/.b"})
    void normalizeNameWhenTheSpecsGrammarRefusesItShouldSayWhatIsAllowed(String name) {
        assertThatThrownBy(() -> scheme.normalizeName(name))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("the OCI repository name '" + name + "' is not valid: use lower-case letters and digits,"
                        + " separated by '.', '_', '__' or '-', in components separated by '/'");
    }

    @Test
    void normalizeNameWhenEmptyOrTooLongShouldSaySo() {
        assertThatThrownBy(() -> scheme.normalizeName(""))
                .hasMessage("the OCI repository name '' is not valid: it is empty");
        assertThatThrownBy(() -> scheme.normalizeName("a".repeat(256)))
                .hasMessageEndingWith("is not valid: it is 256 characters long; the limit is 255");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "latest",
                "v1.0_rc-1",
                "1.0",
                "_internal",
                "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void normalizeVersionWhenATagOrADigestShouldKeepIt(String version) {
        assertThat(scheme.isValid(version)).isTrue();
        assertThat(scheme.normalizeVersion(version)).isEqualTo(version);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                ".hidden|the OCI tag '.hidden' is not valid: up to 128 letters, digits, '_', '.' and '-', not starting"
                        + " with '.' or '-'",
                "-x|the OCI tag '-x' is not valid: up to 128",
                "a/b|the OCI tag 'a/b' is not valid: up to 128",
                "sha256:abc|the OCI digest 'sha256:abc' is not valid: the sha256 digest has 3 hex digits; it needs 64",
                "md5:abc|the OCI digest 'md5:abc' is not valid: the digest algorithm 'md5' is not supported"
            })
    void normalizeVersionWhenNeitherATagNorADigestShouldSayWhy(String version, String message) {
        assertThat(scheme.isValid(version)).isFalse();
        assertThatThrownBy(() -> scheme.normalizeVersion(version))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void normalizeVersionWhenTheTagIsLongerThan128ShouldRefuseIt() {
        assertThat(scheme.isValid("a".repeat(128))).isTrue();
        assertThat(scheme.isValid("a".repeat(129))).isFalse();
    }

    @Test
    void latestShouldBeEmptyBecauseTheVersionPushedLastIsTheLatest() {
        assertThat(scheme.ordersVersions()).isFalse();
        assertThat(scheme.latest(List.of("1.0", "2.0", "latest"))).isEmpty();
    }

    @Test
    void compareShouldBeLexicalAsALastResort() {
        List<String> tags = new ArrayList<>(List.of("v2", "latest", "1.10", "1.9"));

        tags.sort(scheme);

        assertThat(tags).containsExactly("1.10", "1.9", "latest", "v2");
    }

    @Test
    void isPrereleaseShouldBeFalseForAValidVersionAndThrowForAnInvalidOne() {
        assertThat(scheme.isPrerelease("1.0-rc.1")).isFalse();
        assertThatThrownBy(() -> scheme.isPrerelease(".x")).isInstanceOf(InvalidNameException.class);
    }
}
