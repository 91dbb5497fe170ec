package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a configuration directory are read, including the layout of a mounted ConfigMap. */
class ManifestDirectoryReaderTest {

    @TempDir
    Path dir;

    @Test
    void readWhenDirectoryHasYamlYmlAndOtherFilesShouldReadOnlyTheManifestsInNameOrder() {
        ConfigFixtures.write(dir, "b.yml", "b");
        ConfigFixtures.write(dir, "a.yaml", "a");
        ConfigFixtures.write(dir, "C.YAML", "c");
        ConfigFixtures.write(dir, "README.md", "not a manifest");
        ConfigFixtures.write(dir, "a.yaml~", "an editor's backup");
        ConfigFixtures.write(dir, ".a.yaml.swp", "an editor's swap file");
        ConfigFixtures.write(dir.resolve("nested"), "d.yaml", "sub-directories are not read");

        ManifestFiles files = new ManifestDirectoryReader(dir).read();

        assertThat(files.problems()).isEmpty();
        assertThat(files.files())
                .extracting(ManifestFile::path)
                .containsExactly(
                        dir.resolve("C.YAML").toString(),
                        dir.resolve("a.yaml").toString(),
                        dir.resolve("b.yml").toString());
    }

    @Test
    void readWhenDirectoryIsAMountedConfigMapShouldReadEachFileOnceThroughItsTopLevelLink() throws IOException {
        MountedConfigMap configMap = MountedConfigMap.create(dir);
        configMap.publish("..2026_11_22_10_00_00.000000001", Map.of("npm.yaml", "one", "maven.yaml", "two"));

        ManifestFiles files = new ManifestDirectoryReader(dir).read();

        assertThat(files.problems()).isEmpty();
        assertThat(files.files())
                .extracting(ManifestFile::path, ManifestFile::content)
                .containsExactly(
                        Tuple.tuple(dir.resolve("maven.yaml").toString(), "two"),
                        Tuple.tuple(dir.resolve("npm.yaml").toString(), "one"));
    }

    @Test
    void readWhenALinkIsDanglingShouldReportItAndReadTheOthers() throws IOException {
        ConfigFixtures.write(dir, "good.yaml", "good");
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("..data/gone.yaml"));

        ManifestFiles files = new ManifestDirectoryReader(dir).read();

        assertThat(files.files()).extracting(ManifestFile::content).containsExactly("good");
        assertThat(files.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("gone.yaml")
                        + ": cannot read the file: a symbolic link to a file that does not exist");
    }

    @Test
    void readWhenAFileIsLargerThanAConfigMapCanHoldShouldReportIt() throws IOException {
        Files.write(dir.resolve("huge.yaml"), new byte[(int) ManifestDirectoryReader.MAX_FILE_BYTES + 1]);

        ManifestFiles files = new ManifestDirectoryReader(dir).read();

        assertThat(files.files()).isEmpty();
        assertThat(files.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("huge.yaml")
                        + ": cannot read the file: larger than 1048576 bytes, the most a ConfigMap can hold");
    }

    @Test
    void readWhenAFileIsNotUtf8ShouldReportIt() throws IOException {
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9});

        ManifestFiles files = new ManifestDirectoryReader(dir).read();

        assertThat(files.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("latin1.yaml") + ": cannot read the file: not UTF-8 text");
    }

    @Test
    void readWhenTheDirectoryDoesNotExistShouldReportIt() {
        Path missing = dir.resolve("missing");

        ManifestFiles files = new ManifestDirectoryReader(missing).read();

        assertThat(files.files()).isEmpty();
        assertThat(files.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(missing + ": the configuration directory does not exist");
    }

    @Test
    void fingerprintWhenContentOrMountedSecretNamesChangeShouldChange() {
        ConfigFixtures.write(dir, "a.yaml", "a");
        String before = new ManifestDirectoryReader(dir).read().fingerprint(List.of());
        assertThat(new ManifestDirectoryReader(dir).read().fingerprint(List.of()))
                .isEqualTo(before);

        ConfigFixtures.write(dir, "a.yaml", "b");
        String after = new ManifestDirectoryReader(dir).read().fingerprint(List.of());

        assertThat(after).isNotEqualTo(before);
        assertThat(new ManifestDirectoryReader(dir).read().fingerprint(List.of("users/users")))
                .isNotEqualTo(after);
    }
}
