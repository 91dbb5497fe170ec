package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.common.Format;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local-mode samples, as {@code java -jar} in a checkout serves them, load whole and without a problem. */
class SampleConfigurationTest {

    @TempDir
    Path noMountedSecrets;

    @Test
    void loadWhenSamplesLocalShouldHaveSixReadyRegistriesTheirProxiesAndNoProblem() {
        RuntimeConfiguration configuration = ConfigFixtures.load(ConfigFixtures.SAMPLES, noMountedSecrets);

        assertThat(configuration.problems()).isEmpty();
        assertThat(configuration.complete()).isTrue();
        assertThat(configuration.registries()).containsOnlyKeys("docker", "generic", "helm", "maven", "npm", "pypi");
        assertThat(configuration.registries().values()).allMatch(ConfiguredRegistry::ready);
        assertThat(configuration.upstreamProxies()).containsOnlyKeys("maven-central", "npmjs", "pypi-org");
        assertThat(configuration.cleanupPolicies()).isEmpty();
        assertThat(configuration.firewallPolicies()).isEmpty();
    }

    @Test
    void loadWhenSamplesLocalShouldResolveEachRegistrysUpstreamProxiesInOrder() {
        RuntimeConfiguration configuration = ConfigFixtures.load(ConfigFixtures.SAMPLES, noMountedSecrets);

        ConfiguredRegistry npm = configuration.registry("npm").orElseThrow();
        assertThat(npm.format()).isEqualTo(Format.NPM);
        assertThat(npm.upstreamProxies())
                .extracting(ConfiguredUpstreamProxy::name, proxy -> proxy.spec().url())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("npmjs", "https://registry.npmjs.org"));
        assertThat(configuration.registry("pypi").orElseThrow().spec().allowPush())
                .isNotEqualTo(false);
        assertThat(configuration.registry("generic").orElseThrow().upstreamProxies())
                .isEmpty();
    }

    @Test
    void loadWhenSamplesLocalShouldResolveTheUsersSecretFromItsManifest() {
        RuntimeConfiguration configuration = ConfigFixtures.load(ConfigFixtures.SAMPLES, noMountedSecrets);

        assertThat(configuration.registry("docker").orElseThrow().secretNames()).containsExactly("wharf-local-users");
        assertThat(configuration.secrets().resolve("wharf-local-users", "users"))
                .hasValueSatisfying(users -> assertThat(users).startsWith("admin:$2b$10$"));
        assertThat(configuration.secrets().resolve("wharf-local-users", "groups"))
                .contains("admin:wharf-admins\n");
    }
}
