package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Registries a change of configuration added, changed or removed. */
class RegistryChangesTest {

    private static final String CLEANUP = """
            apiVersion: wharf.dev/v1alpha1
            kind: CleanupPolicy
            metadata: {name: weekly}
            spec:
              registries: [npm]
              schedule: "%s"
              rules: [{name: old, olderThan: 90d}]
            """;

    @TempDir
    Path dir;

    @TempDir
    Path secrets;

    private RuntimeConfiguration load() {
        return ConfigFixtures.load(dir, secrets);
    }

    @Test
    void betweenWhenRegistriesAreAddedChangedAndRemovedShouldListEachInNameOrder() throws IOException {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigFixtures.write(dir, "pypi.yaml", ConfigFixtures.registry("pypi", "pypi", ""));
        ConfigFixtures.write(dir, "maven.yaml", ConfigFixtures.registry("maven", "maven", ""));
        RuntimeConfiguration previous = load();
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "allowOverwrite: true"));
        Files.delete(dir.resolve("pypi.yaml"));
        ConfigFixtures.write(dir, "helm.yaml", ConfigFixtures.registry("helm", "helm", ""));
        ConfigFixtures.write(dir, "docker.yaml", ConfigFixtures.registry("docker", "docker", ""));

        RegistryChanges changes = RegistryChanges.between(previous, load());

        assertThat(changes).isEqualTo(new RegistryChanges(List.of("docker", "helm"), List.of("npm"), List.of("pypi")));
        assertThat(changes.isEmpty()).isFalse();
    }

    @Test
    void betweenWhenTheSameFilesAreLoadedAgainShouldBeEmpty() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));
        ConfigFixtures.write(
                dir, "npmjs.yaml", ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org"));

        RegistryChanges changes = RegistryChanges.between(load(), load());

        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void betweenWhenAnUpstreamProxyARegistryUsesChangesShouldCountTheRegistryAsChanged() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));
        ConfigFixtures.write(dir, "other.yaml", ConfigFixtures.registry("other", "npm", ""));
        ConfigFixtures.write(
                dir, "npmjs.yaml", ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org"));
        RuntimeConfiguration previous = load();
        ConfigFixtures.write(dir, "npmjs.yaml", ConfigFixtures.upstreamProxy("npmjs", "npm", "https://mirror.example"));

        assertThat(RegistryChanges.between(previous, load()).changed()).containsExactly("npm");
    }

    @Test
    void betweenWhenAMissingReferenceAppearsShouldCountTheRegistryAsChanged() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));
        RuntimeConfiguration previous = load();
        ConfigFixtures.write(
                dir, "npmjs.yaml", ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org"));

        assertThat(RegistryChanges.between(previous, load()).changed()).containsExactly("npm");
    }

    @Test
    void betweenWhenASecretManifestARegistryUsesChangesShouldCountTheRegistryAsChanged() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "access:\n  usersSecret: users"));
        ConfigFixtures.write(dir, "other.yaml", ConfigFixtures.registry("other", "npm", ""));
        ConfigFixtures.write(dir, "users.yaml", ConfigFixtures.secret("users", "users: admin:first-hash"));
        RuntimeConfiguration previous = load();
        ConfigFixtures.write(dir, "users.yaml", ConfigFixtures.secret("users", "users: admin:second-hash"));

        assertThat(RegistryChanges.between(previous, load()))
                .isEqualTo(new RegistryChanges(List.of(), List.of("npm"), List.of()));
    }

    @Test
    void betweenWhenASecretNoRegistryUsesChangesShouldBeEmpty() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigFixtures.write(dir, "unused.yaml", ConfigFixtures.secret("unused", "token: first"));
        RuntimeConfiguration previous = load();
        ConfigFixtures.write(dir, "unused.yaml", ConfigFixtures.secret("unused", "token: second"));

        assertThat(RegistryChanges.between(previous, load()).isEmpty()).isTrue();
    }

    @Test
    void betweenWhenOnlyAPolicyChangesShouldBeEmpty() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigFixtures.write(dir, "cleanup.yaml", CLEANUP.formatted("@weekly"));
        RuntimeConfiguration previous = load();
        ConfigFixtures.write(dir, "cleanup.yaml", CLEANUP.formatted("@daily"));

        RuntimeConfiguration current = load();

        assertThat(RegistryChanges.between(previous, current).isEmpty()).isTrue();
        assertThat(current.cleanupPolicies().get("weekly").spec().schedule()).isEqualTo("@daily");
    }
}
