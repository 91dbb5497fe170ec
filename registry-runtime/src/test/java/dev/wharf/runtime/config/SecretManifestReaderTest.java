package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets as local mode reads them from manifests: base64 data, stringData over it, problems that name only keys. */
class SecretManifestReaderTest {

    private final ManifestParser parser = ConfigFixtures.parser();

    private ParsedManifests parse(String content) {
        return parser.parse(new ManifestFiles(List.of(new ManifestFile("secrets.yaml", content)), List.of()));
    }

    @Test
    void readWhenDataIsBase64AndStringDataIsPlainShouldDecodeBothWithStringDataWinning() {
        ParsedManifests parsed = parse("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: minio-creds
                type: Opaque
                data:
                  accessKey: d2hhcmY=
                  secretKey: b2xk
                stringData:
                  secretKey: new
                """);

        assertThat(parsed.problems()).isEmpty();
        SecretManifest secret = parsed.secrets().getFirst().value();
        assertThat(secret.value("accessKey")).contains("wharf");
        assertThat(secret.value("secretKey")).contains("new");
        assertThat(secret.value("region")).isEmpty();
    }

    @Test
    void readWhenDataIsNotBase64ShouldNameTheKeyAndRefuseTheSecret() {
        ParsedManifests parsed = parse("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: minio-creds
                data:
                  secretKey: not base64!
                """);

        assertThat(parsed.secrets()).isEmpty();
        assertThat(parsed.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("secrets.yaml (Secret minio-creds): data.secretKey is not valid base64; put plain"
                        + " text under stringData instead");
    }

    @Test
    void readWhenAStringDataValueIsANumberShouldAskForQuotes() {
        ParsedManifests parsed = parse(ConfigFixtures.secret("db", "port: 5432"));

        assertThat(parsed.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "secrets.yaml (Secret db): stringData.port must be a string: quote the value in the" + " YAML");
    }

    @Test
    void readWhenAKeyIsNotAValidSecretKeyShouldRefuseIt() {
        ParsedManifests parsed = parse(ConfigFixtures.secret("db", "\"../x\": y"));

        assertThat(parsed.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("secrets.yaml (Secret db): stringData has a key that is not a valid Secret key"
                        + " (letters, digits, '-', '_' and '.')");
    }

    @Test
    void toStringWhenTheSecretHasValuesShouldShowOnlyItsKeys() {
        ParsedManifests parsed = parse(ConfigFixtures.secret("db", "password: hunter2\nusername: wharf"));

        assertThat(parsed.secrets().getFirst().value()).hasToString("Secret db with keys [password, username]");
    }
}
