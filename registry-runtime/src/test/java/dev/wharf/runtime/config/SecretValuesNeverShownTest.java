package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.config.ConfigurationStore.ReloadOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret manifests with values, valid and broken in each way a problem is reported, never show a value: not in
 * {@link RuntimeConfiguration#toString()}, not in a {@link ConfigProblem} or the status, not in a log line.
 */
class SecretValuesNeverShownTest {

    private static final String USERS = "admin:s3cr3t-users-77f1";
    private static final String ROTATED_USERS = "admin:s3cr3t-users-rotated-a0b1";
    private static final String ACCESS_KEY = "s3cr3t-minio-access-31c0";
    private static final String BAD_BASE64 = "%s3cr3t-minio-bad-b64-0d9e";
    private static final String NUMBER = "5550123987";
    private static final String UNTERMINATED = "s3cr3t-unterminated-6b2a";
    private static final String COLON = "s3cr3t-colon-4e5f";
    private static final String DUPLICATE = "s3cr3t-duplicate-1c7d";

    private static final List<String> VALUES =
            List.of(USERS, ROTATED_USERS, ACCESS_KEY, BAD_BASE64, NUMBER, UNTERMINATED, COLON, DUPLICATE);

    @TempDir
    Path dir;

    @TempDir
    Path mounted;

    private static String secretManifest(String name, String body) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                %s""".formatted(name, body);
    }

    private void writeUsers(String users) {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "access:\n  usersSecret: users"));
        ConfigFixtures.write(dir, "users.yaml", ConfigFixtures.secret("users", "users: \"" + users + "\""));
    }

    /** Valid Secrets, and one broken in each way a Secret manifest can be. */
    private void writeValidAndBrokenSecrets() {
        writeUsers(USERS);
        String accessKey = Base64.getEncoder().encodeToString(ACCESS_KEY.getBytes(StandardCharsets.UTF_8));
        ConfigFixtures.write(
                dir,
                "minio.yaml",
                secretManifest(
                        "minio", "data:\n  accessKey: " + accessKey + "\n  secretKey: \"" + BAD_BASE64 + "\"\n"));
        ConfigFixtures.write(
                dir,
                "docker.yaml",
                ConfigFixtures.registry(
                        "docker",
                        "docker",
                        "storage:\n  s3: {endpoint: \"http://minio:9000\", bucket: wharf, credentialsSecret: minio}"));
        ConfigFixtures.write(dir, "db.yaml", ConfigFixtures.secret("db", "password: " + NUMBER));
        ConfigFixtures.write(
                dir, "unterminated.yaml", ConfigFixtures.secret("unterminated", "token: \"" + UNTERMINATED));
        ConfigFixtures.write(dir, "colon.yaml", ConfigFixtures.secret("colon", "token: " + COLON + ": more"));
        ConfigFixtures.write(
                dir, "duplicate.yaml", ConfigFixtures.secret("duplicate", "token: " + DUPLICATE + "\ntoken: again"));
    }

    private static void assertShowsNoValue(List<String> texts) {
        assertThat(texts).isNotEmpty();
        for (String value : VALUES) {
            assertThat(texts).noneMatch(text -> text.contains(value));
        }
    }

    private static List<String> shown(ConfigurationStore store) {
        RuntimeConfiguration configuration = store.current();
        List<String> texts = new ArrayList<>();
        texts.add(configuration.toString());
        texts.add(store.status().toString());
        configuration.problems().forEach(problem -> texts.add(problem.toString()));
        configuration.registries().values().forEach(registry -> texts.add(registry.toString()));
        texts.add(configuration.secrets().toString());
        return texts;
    }

    @Test
    void loadWhenSecretManifestsHoldValuesShouldResolveThemButShowNone() {
        writeValidAndBrokenSecrets();

        ConfigurationStore store = ConfigFixtures.store(dir, mounted);

        RuntimeConfiguration configuration = store.current();
        assertThat(configuration.secrets().resolve("users", "users")).contains(USERS);
        assertThat(configuration.problems()).hasSizeGreaterThanOrEqualTo(5);
        assertShowsNoValue(shown(store));
    }

    @Test
    void loadWhenSecretManifestsAreBrokenShouldReportEachProblemWithoutItsValue() {
        writeValidAndBrokenSecrets();

        ConfigurationStore store = ConfigFixtures.store(dir, mounted);

        assertThat(store.current().problems())
                .extracting(ConfigProblem::toString)
                .anySatisfy(problem -> assertThat(problem)
                        .endsWith("data.secretKey is not valid base64; put plain text" + " under stringData instead"))
                .anySatisfy(problem -> assertThat(problem)
                        .endsWith("stringData.password must be a string: quote the" + " value in the YAML"))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith(dir.resolve("unterminated.yaml") + ": not valid" + " YAML at line "))
                .anySatisfy(problem ->
                        assertThat(problem).startsWith(dir.resolve("colon.yaml") + ": not valid YAML" + " at line "))
                .anySatisfy(problem -> assertThat(problem).contains("Duplicate field 'token'"));
    }

    @Test
    void loadWhenSecretManifestsHoldValuesShouldLogNone() {
        writeValidAndBrokenSecrets();

        try (LogCapture logs = LogCapture.configPackage()) {
            ConfigFixtures.store(dir, mounted);

            assertShowsNoValue(logs.lines());
        }
    }

    @Test
    void reloadWhenASecretManifestIsRotatedThenBrokenShouldLogNoValue() {
        writeUsers(USERS);
        ConfigurationStore store = ConfigFixtures.store(dir, mounted);

        try (LogCapture logs = LogCapture.configPackage()) {
            writeUsers(ROTATED_USERS);
            assertThat(store.reload()).isEqualTo(ReloadOutcome.APPLIED);
            ConfigFixtures.write(
                    dir, "users.yaml", secretManifest("users", "data:\n  users: \"" + BAD_BASE64 + "\"\n"));
            assertThat(store.reload()).isEqualTo(ReloadOutcome.KEPT_PREVIOUS);

            assertThat(store.current().secrets().resolve("users", "users")).contains(ROTATED_USERS);
            assertThat(logs.lines())
                    .anySatisfy(line -> assertThat(line).contains("Registries added [], changed [npm], removed []"))
                    .anySatisfy(line -> assertThat(line).contains("still serving the configuration loaded at"));
            assertShowsNoValue(logs.lines());
            assertShowsNoValue(shown(store));
        }
    }
}
