package dev.wharf.runtime.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.common.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class VersionSchemesTest {

    @ParameterizedTest
    @CsvSource({
        "DOCKER, OciVersions",
        "MAVEN, MavenVersions",
        "NPM, NpmVersions",
        "PYPI, Pep440Versions",
        "GENERIC, GenericVersions"
    })
    void ofWhenTheFormatHasASchemeShouldAnswerIt(Format format, String scheme) {
        assertThat(VersionSchemes.has(format)).isTrue();
        assertThat(VersionSchemes.of(format).getClass().getSimpleName()).isEqualTo(scheme);
        assertThat(VersionSchemes.of(format)).isSameAs(VersionSchemes.of(format));
    }

    @ParameterizedTest
    @EnumSource(
            value = Format.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"DOCKER", "MAVEN", "NPM", "PYPI", "GENERIC"})
    void ofWhenTheFormatHasNoSchemeYetShouldRefuseItNamingThoseThatHave(Format format) {
        assertThat(VersionSchemes.has(format)).isFalse();
        assertThatThrownBy(() -> VersionSchemes.of(format))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the format '" + format.id() + "' has no version scheme yet; formats with one: docker,"
                        + " maven, npm, pypi, generic");
    }
}
