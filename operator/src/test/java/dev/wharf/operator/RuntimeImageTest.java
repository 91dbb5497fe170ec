package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The runtime image the operator deploys by default carries the operator's own Maven version, or the override. */
class RuntimeImageTest {

    private static String mavenVersion() throws Exception {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        // The parent POM's own version follows its artifactId.
        Matcher version = Pattern.compile("<artifactId>wharf-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).as("the parent POM's version").isTrue();
        return version.group(1).strip();
    }

    @Test
    void resolveWhenNothingIsOverriddenShouldTagTheRuntimeWithTheOperatorsMavenVersion() throws Exception {
        assertThat(RuntimeImage.resolve(Map.of())).isEqualTo("wharf/registry-runtime:" + mavenVersion());
    }

    @Test
    void resolveWhenTheVariableIsSetShouldUseItAsItIs() {
        assertThat(RuntimeImage.resolve(Map.of(RuntimeImage.OVERRIDE_VARIABLE, " mirror.example.com/wharf/rt:1.2 ")))
                .isEqualTo("mirror.example.com/wharf/rt:1.2");
    }

    @Test
    void resolveWhenTheVariableIsBlankShouldIgnoreIt() throws Exception {
        assertThat(RuntimeImage.resolve(Map.of(RuntimeImage.OVERRIDE_VARIABLE, "  ")))
                .isEqualTo("wharf/registry-runtime:" + mavenVersion());
    }
}
