package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The referenced Secrets' contents: read once per version the informer reports, dropped when the Secret goes. */
class ReferencedSecretsTest {

    private final Map<String, Secret> informer = new HashMap<>();
    private final Map<String, Secret> server = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final ReferencedSecrets secrets = new ReferencedSecrets(
            (namespace, name) ->
                    Optional.ofNullable(informer.get(namespace + "/" + name)).map(SecretMetadata::of),
            (namespace, name) -> {
                reads.add(namespace + "/" + name);
                return server.get(namespace + "/" + name);
            });

    @Test
    void getWhenTheVersionIsUnchangedShouldReadTheSecretOnce() {
        put(secret("creds", "1", "password", "czNjcjN0"));

        assertThat(secrets.get("ns", "creds")).map(Secret::getData).contains(Map.of("password", "czNjcjN0"));
        assertThat(secrets.get("ns", "creds")).map(Secret::getData).contains(Map.of("password", "czNjcjN0"));

        assertThat(reads).containsExactly("ns/creds");
    }

    @Test
    void getWhenTheInformerReportsANewVersionShouldReadItAgain() {
        put(secret("creds", "1", "password", "b2xk"));
        secrets.get("ns", "creds");

        put(secret("creds", "2", "password", "bmV3"));

        assertThat(secrets.get("ns", "creds")).map(Secret::getData).contains(Map.of("password", "bmV3"));
        assertThat(reads).containsExactly("ns/creds", "ns/creds");
    }

    @Test
    void getWhenTheSecretIsGoneShouldBeEmptyAndForgetItsContents() {
        put(secret("creds", "1", "password", "b2xk"));
        secrets.get("ns", "creds");

        informer.remove("ns/creds");
        server.remove("ns/creds");

        assertThat(secrets.get("ns", "creds")).isEmpty();
        assertThat(secrets.size()).isZero();
    }

    @Test
    void getWhenNoRegistryAskedShouldHoldNothing() {
        put(secret("unrelated", "1", "token", "dG9rZW4="));

        assertThat(secrets.size()).isZero();
        assertThat(reads).isEmpty();
    }

    @Test
    void metadataOfASecretShouldKeepNeitherValuesNorAnnotations() {
        Secret applied = new SecretBuilder(secret("creds", "7", "password", "czNjcjN0"))
                .editMetadata()
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":{\"password\":\"x\"}}")
                .addToLabels("team", "web")
                .endMetadata()
                .addToStringData("token", "plain")
                .build();

        Secret kept = SecretMetadata.of(applied);

        assertThat(kept.getData()).isNullOrEmpty();
        assertThat(kept.getStringData()).isNullOrEmpty();
        assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(kept.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(kept.getMetadata().getName()).isEqualTo("creds");
        assertThat(kept.getMetadata().getNamespace()).isEqualTo("ns");
    }

    private void put(Secret secret) {
        String key =
                secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        informer.put(key, secret);
        server.put(key, secret);
    }

    private static Secret secret(String name, String version, String key, String value) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .withResourceVersion(version)
                .endMetadata()
                .addToData(key, value)
                .build();
    }
}
