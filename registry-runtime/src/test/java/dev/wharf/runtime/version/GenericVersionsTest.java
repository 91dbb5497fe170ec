package dev.wharf.runtime.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenericVersionsTest {

    private final GenericVersions scheme = new GenericVersions();

    @ParameterizedTest
    @ValueSource(strings = {"my-app", "App_1", "@scope"})
    void normalizeNameWhenAStoredNameIsSafeShouldKeepIt(String name) {
        assertThat(scheme.normalizeName(name)).isEqualTo(name);
    }

    @Test
    void normalizeNameWhenUnsafeShouldRefuseItAsNamesDoes() {
        assertThatThrownBy(() -> scheme.normalizeName(".."))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("the package name '..' is a relative path reference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "2024-05-01", "build-517", "1.0.0-rc.1+b5"})
    void normalizeVersionWhenSafeShouldKeepIt(String version) {
        assertThat(scheme.isValid(version)).isTrue();
        assertThat(scheme.normalizeVersion(version)).isEqualTo(version);
        assertThat(scheme.isPrerelease(version)).isFalse();
    }

    @Test
    void normalizeVersionWhenUnsafeShouldRefuseItSayingWhy() {
        assertThat(scheme.isValid("1/2")).isFalse();
        assertThatThrownBy(() -> scheme.normalizeVersion("1/2"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("the version '1/2' contains '/'");
    }

    @Test
    void latestShouldBeEmptyBecauseTheVersionPushedLastIsTheLatest() {
        assertThat(scheme.ordersVersions()).isFalse();
        assertThat(scheme.latest(List.of("1.0", "2.0"))).isEmpty();
        assertThat(scheme.compare("1.10", "1.9")).isNegative();
    }
}
