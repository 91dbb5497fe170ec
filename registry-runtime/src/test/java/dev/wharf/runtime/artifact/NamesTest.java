package dev.wharf.runtime.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"app", "my-app", "my_app.cli", "@scope", "a", "app+extras", "v=1,2"})
    void packageNameWhenSafeShouldBeAccepted(String name) {
        assertThat(Names.packageName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "..|is a relative path reference",
                ".|is a relative path reference",
                ".hidden|must not start with '.'",
                "a/b|contains '/'",
                "a\\b|contains '\\'",
                "a b|may only hold letters",
                "é|may only hold letters",
            })
    void packageNameWhenUnsafeShouldBeRefusedSayingWhy(String name, String reason) {
        assertThatThrownBy(() -> Names.packageName(name))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("package name")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "a\nb", "a\rb", "a\u007fb"})
    void namesWhenTheyHoldControlCharactersShouldBeRefused(String name) {
        assertThatThrownBy(() -> Names.packageName(name)).hasMessageContaining("control character");
        assertThatThrownBy(() -> Names.version(name)).hasMessageContaining("control character");
        assertThatThrownBy(() -> Names.filePath(List.of(name))).hasMessageContaining("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.0.0-rc.1+build.5", "2024.05.01", "v2", "_dev", "1.0~beta"})
    void versionWhenSafeShouldBeAccepted(String version) {
        assertThat(Names.version(version)).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".1", "-1", "1/2", "1 2", ""})
    void versionWhenUnsafeShouldBeRefused(String version) {
        assertThatThrownBy(() -> Names.version(version)).isInstanceOf(InvalidNameException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {Names.PACKAGE_MAX + 1, 10_000})
    void packageNameWhenTooLongShouldNameTheLimit(int length) {
        assertThatThrownBy(() -> Names.packageName("a".repeat(length)))
                .hasMessage("the package name is " + length + " characters long; the limit is " + Names.PACKAGE_MAX);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"linux/amd64/app.tar.gz|3", "app.jar|1"})
    void filePathWhenSegmentsAreSafeShouldJoinThem(String path, int segments) {
        assertThat(Names.filePath(List.of(path.split("/", -1)))).isEqualTo(path);
        assertThat(path.split("/", -1)).hasSize(segments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/../../b", "a/./b", "/abs", "a//b", "a/b/"})
    void filePathWhenItTraversesOrIsAbsoluteShouldBeRefused(String path) {
        assertThatThrownBy(() -> Names.filePath(List.of(path.split("/", -1)))).isInstanceOf(InvalidNameException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2Fetc", "%2e%2e"})
    void filePathWhenAnEncodedSegmentDecodesToTraversalShouldBeRefused(String encoded) {
        String decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Names.filePath(List.of(decoded))).isInstanceOf(InvalidNameException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {Names.FILE_PATH_MAX + 1})
    void filePathWhenTooLongShouldNameTheLimit(int length) {
        List<String> segments = List.of("a".repeat(length / 2), "b".repeat(length - length / 2 - 1));

        assertThatThrownBy(() -> Names.filePath(segments)).hasMessageContaining("the limit is " + Names.FILE_PATH_MAX);
    }
}
