package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret values from manifests (local mode) and from mounted Secrets (a cluster), and the order between them. */
class SecretResolverTest {

    @TempDir
    Path config;

    @TempDir
    Path mounted;

    @Test
    void resolveWhenTheSecretIsAManifestShouldReturnItsValue() {
        ConfigFixtures.write(config, "users.yaml", ConfigFixtures.secret("users", "users: admin:hash"));

        SecretResolver secrets = ConfigFixtures.load(config, mounted).secrets();

        assertThat(secrets.resolve("users", "users")).contains("admin:hash");
        assertThat(secrets.resolve("users", "groups")).isEmpty();
        assertThat(secrets.resolve("other", "users")).isEmpty();
        assertThat(secrets.exists("users")).isTrue();
    }

    @Test
    void resolveWhenTheSecretIsMountedAndRotatedShouldReadTheNewValueWithoutAReload() throws IOException {
        MountedConfigMap secret = MountedConfigMap.create(mounted.resolve("minio"));
        secret.publish("..2026_11_22_10_00_00.000000001", Map.of("accessKey", "first", "secretKey", "s1"));
        SecretResolver secrets = ConfigFixtures.load(config, mounted).secrets();
        assertThat(secrets.resolve("minio", "accessKey")).contains("first");

        secret.publish("..2026_11_22_10_05_00.000000002", Map.of("accessKey", "second", "secretKey", "s2"));

        assertThat(secrets.resolve("minio", "accessKey")).contains("second");
        assertThat(secrets.resolve("minio", "..data")).isEmpty();
    }

    @Test
    void resolveWhenNamesTryToLeaveTheMountShouldFindNothing() throws IOException {
        Files.createDirectories(mounted.resolve("real"));
        Files.writeString(mounted.resolve("real/key"), "value");
        Files.writeString(mounted.resolve("outside"), "value");
        MountedSecrets secrets = new MountedSecrets(mounted.resolve("real"));

        assertThat(new MountedSecrets(mounted).resolve("real", "key")).contains("value");
        for (String name : List.of("..", ".", "../real", "real/..", "/etc", "", "REAL")) {
            assertThat(new MountedSecrets(mounted).resolve(name, "key"))
                    .as(name)
                    .isEmpty();
            assertThat(new MountedSecrets(mounted).exists(name)).as(name).isFalse();
        }
        for (String key : List.of("..", "../outside", "/etc/passwd", "..data", "")) {
            assertThat(secrets.resolve(".", key)).as(key).isEmpty();
            assertThat(new MountedSecrets(mounted).resolve("real", key)).as(key).isEmpty();
        }
    }

    @Test
    void resolveWhenASecretIsBothAManifestAndMountedShouldUseTheManifestWhole() throws IOException {
        ConfigFixtures.write(config, "db.yaml", ConfigFixtures.secret("db", "url: from-manifest"));
        Files.createDirectories(mounted.resolve("db"));
        Files.writeString(mounted.resolve("db/url"), "from-mount");
        Files.writeString(mounted.resolve("db/password"), "mounted-only");

        SecretResolver secrets = ConfigFixtures.load(config, mounted).secrets();

        assertThat(secrets.resolve("db", "url")).contains("from-manifest");
        assertThat(secrets.resolve("db", "password")).isEmpty();
    }

    @Test
    void listingWhenSecretsAreMountedShouldNameSecretsAndKeysButNotValuesOrKubeletInternals() throws IOException {
        MountedConfigMap.create(mounted.resolve("minio"))
                .publish("..2026_11_22_10_00_00.000000001", Map.of("accessKey", "a-value", "secretKey", "s-value"));

        assertThat(new MountedSecrets(mounted).listing()).containsExactly("minio/accessKey", "minio/secretKey");
    }
}
