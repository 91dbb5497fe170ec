package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.config.ConfigurationStore.ReloadOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store serves at start and after each reload: unchanged, applied, or refused so the previous configuration
 * keeps being served; and what its listeners are told.
 */
class ConfigurationStoreTest {

    @TempDir
    Path dir;

    @TempDir
    Path secrets;

    private final List<Change> changes = new CopyOnWriteArrayList<>();

    /** One call of a listener. */
    private record Change(RuntimeConfiguration previous, RuntimeConfiguration current) {}

    private ConfigurationStore store() {
        ConfigurationStore store = ConfigFixtures.store(dir, secrets);
        store.subscribe((previous, current) -> changes.add(new Change(previous, current)));
        return store;
    }

    private void writeNpm(String format) {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", format, ""));
    }

    @Test
    void constructorWhenTheDirectoryIsValidShouldServeItAtOnce() {
        writeNpm("npm");

        ConfigurationStore store = store();

        assertThat(store.current().registries()).containsOnlyKeys("npm");
        assertThat(store.status().servingPrevious()).isFalse();
        assertThat(store.status().problems()).isEmpty();
        assertThat(store.status().source()).isEqualTo(dir.toString());
    }

    @Test
    void constructorWhenAFileIsInvalidShouldServeTheValidDocumentsAndReportTheOther() {
        writeNpm("npm");
        ConfigFixtures.write(dir, "maven.yaml", ConfigFixtures.registry("maven", "mavenn", ""));

        ConfigurationStore store = store();

        assertThat(store.current().registries()).containsOnlyKeys("npm");
        assertThat(store.status().servingPrevious()).isFalse();
        assertThat(store.status().problems())
                .extracting(ConfigProblem::toString)
                .singleElement()
                .asString()
                .startsWith(dir.resolve("maven.yaml")
                        + " (Registry maven): /spec/format: \"mavenn\" is not one of the allowed values [cargo,");
    }

    @Test
    void reloadWhenNothingChangedShouldReturnUnchangedAndTellNoListener() {
        writeNpm("npm");
        ConfigurationStore store = store();
        RuntimeConfiguration served = store.current();

        assertThat(store.reload()).isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(store.current()).isSameAs(served);
        assertThat(changes).isEmpty();
    }

    @Test
    void reloadWhenARegistryIsAddedShouldApplyItAndTellListenersThePreviousAndCurrent() {
        writeNpm("npm");
        ConfigurationStore store = store();
        RuntimeConfiguration before = store.current();
        ConfigFixtures.write(dir, "maven.yaml", ConfigFixtures.registry("maven", "maven", ""));

        assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);

        assertThat(store.current().registries()).containsOnlyKeys("maven", "npm");
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.previous()).isSameAs(before);
            assertThat(change.current()).isSameAs(store.current());
        });
        assertThat(RegistryChanges.between(before, store.current()))
                .isEqualTo(new RegistryChanges(List.of("maven"), List.of(), List.of()));
    }

    @Test
    void reloadWhenAFileIsDeletedShouldRemoveItsRegistry() throws IOException {
        writeNpm("npm");
        ConfigFixtures.write(dir, "maven.yaml", ConfigFixtures.registry("maven", "maven", ""));
        ConfigurationStore store = store();
        Files.delete(dir.resolve("maven.yaml"));

        assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);

        assertThat(store.current().registries()).containsOnlyKeys("npm");
    }

    @Test
    void reloadWhenAFileBecomesInvalidShouldKeepThePreviousConfiguration() {
        writeNpm("npm");
        ConfigurationStore store = store();
        RuntimeConfiguration served = store.current();
        writeNpm("npmm");

        assertThat(store.reload()).isEqualTo(ReloadOutcome.KEPT_PREVIOUS);

        assertThat(store.current()).isSameAs(served);
        assertThat(changes).isEmpty();
    }

    @Test
    void reloadWhenAFileBecomesInvalidShouldReportItsPathAndTheReason() {
        writeNpm("npm");
        ConfigurationStore store = store();
        writeNpm("npmm");

        store.reload();

        ConfigurationStatus status = store.status();
        assertThat(status.servingPrevious()).isTrue();
        assertThat(status.lastLoaded()).isEqualTo(store.current().loadedAt());
        assertThat(status.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location().file())
                    .isEqualTo(dir.resolve("npm.yaml").toString());
            assertThat(problem.reason()).startsWith("/spec/format: \"npmm\" is not one of the allowed values [cargo,");
        });
    }

    @Test
    void reloadWhenTheRefusedFilesAreReadAgainUnchangedShouldStillReportThem() {
        writeNpm("npm");
        ConfigurationStore store = store();
        writeNpm("npmm");
        store.reload();

        assertThat(store.reload()).isEqualTo(ReloadOutcome.UNCHANGED);

        assertThat(store.status().servingPrevious()).isTrue();
        assertThat(store.status().problems()).hasSize(1);
    }

    @Test
    void reloadWhenTheInvalidFileIsFixedShouldApplyIt() {
        writeNpm("npm");
        ConfigurationStore store = store();
        writeNpm("npmm");
        store.reload();
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "allowOverwrite: true"));

        assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);

        assertThat(store.current().registry("npm").orElseThrow().spec().allowOverwrite())
                .isTrue();
        assertThat(store.status().servingPrevious()).isFalse();
        assertThat(store.status().problems()).isEmpty();
        assertThat(changes)
                .singleElement()
                .satisfies(change -> assertThat(RegistryChanges.between(change.previous(), change.current()))
                        .isEqualTo(new RegistryChanges(List.of(), List.of("npm"), List.of())));
    }

    @Test
    void reloadWhenTheStartWasIncompleteShouldApplyEachChangeUntilItIsComplete() {
        writeNpm("npmm");
        ConfigFixtures.write(dir, "maven.yaml", ConfigFixtures.registry("maven", "mavenn", ""));
        ConfigurationStore store = store();
        writeNpm("npm");

        assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);

        assertThat(store.current().registries()).containsOnlyKeys("npm");
        assertThat(store.status().problems())
                .extracting(problem -> problem.location().name())
                .containsExactly("maven");
    }

    @Test
    void reloadWhenAReferenceIsMissingShouldApplyTheChangeAndMarkTheRegistry() {
        writeNpm("npm");
        ConfigurationStore store = store();
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));

        assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);

        ConfiguredRegistry npm = store.current().registry("npm").orElseThrow();
        assertThat(npm.ready()).isFalse();
        assertThat(npm.problems()).containsExactly("spec.upstreamProxies: UpstreamProxy npmjs does not exist");
        assertThat(store.status().servingPrevious()).isFalse();
        assertThat(store.status().problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("npm.yaml")
                        + " (Registry npm): spec.upstreamProxies: UpstreamProxy npmjs does not exist");
    }

    @Test
    void reloadWhenAListenerThrowsShouldStillTellTheOthers() {
        writeNpm("npm");
        ConfigurationStore store = ConfigFixtures.store(dir, secrets);
        store.subscribe((previous, current) -> {
            throw new IllegalStateException("a broken listener");
        });
        store.subscribe((previous, current) -> changes.add(new Change(previous, current)));
        ConfigFixtures.write(dir, "maven.yaml", ConfigFixtures.registry("maven", "maven", ""));

        assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);

        assertThat(changes)
                .singleElement()
                .satisfies(change -> assertThat(change.current().registries()).containsOnlyKeys("maven", "npm"));
    }

    @Test
    void reloadWhenAListenerUnsubscribedShouldNotTellIt() {
        writeNpm("npm");
        ConfigurationStore store = ConfigFixtures.store(dir, secrets);
        ConfigurationListener listener = (previous, current) -> changes.add(new Change(previous, current));
        store.subscribe(listener);
        store.unsubscribe(listener);
        ConfigFixtures.write(dir, "maven.yaml", ConfigFixtures.registry("maven", "maven", ""));

        assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);

        assertThat(changes).isEmpty();
    }

    @Test
    void reloadWhenReadingFailsUnexpectedlyShouldKeepThePreviousConfigurationAndSaySo() {
        writeNpm("npm");
        FailingSource source = new FailingSource(new ManifestDirectoryReader(dir));
        ConfigurationStore store = new ConfigurationStore(
                new ConfigurationLoader(source, ConfigFixtures.parser(), new MountedSecrets(secrets)),
                Clock.systemUTC());
        RuntimeConfiguration served = store.current();
        source.failing = true;

        assertThat(store.reload()).isEqualTo(ReloadOutcome.KEPT_PREVIOUS);

        assertThat(store.current()).isSameAs(served);
        assertThat(store.status().servingPrevious()).isTrue();
        assertThat(store.status().problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir + ": cannot be read: java.lang.IllegalStateException");
    }

    /** A directory whose reads fail with an unexpected exception while {@link #failing} is set. */
    private static final class FailingSource implements ManifestSource {

        private final ManifestSource directory;
        private volatile boolean failing;

        FailingSource(ManifestSource directory) {
            this.directory = directory;
        }

        @Override
        public ManifestFiles read() {
            if (failing) {
                throw new IllegalStateException("the disk went away");
            }
            return directory.read();
        }

        @Override
        public Optional<Path> watchedDirectory() {
            return directory.watchedDirectory();
        }

        @Override
        public String description() {
            return directory.description();
        }
    }
}
