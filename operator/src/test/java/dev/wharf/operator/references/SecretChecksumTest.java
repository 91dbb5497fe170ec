package dev.wharf.operator.references;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.operator.testing.SampleSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod template's checksum of the referenced Secrets. */
class SecretChecksumTest {

    private static final Secret DB = SampleSecrets.secret("wharf-db", Map.of("password", "one"));
    private static final Secret S3 = SampleSecrets.secret("minio-creds", Map.of("accessKey", "a", "secretKey", "b"));

    @Test
    void ofWhenAValueChangesShouldChange() {
        Secret rotated = SampleSecrets.secret("wharf-db", Map.of("password", "two"));

        assertThat(SecretChecksum.of(List.of("wharf-db"), Map.of("wharf-db", rotated)))
                .isNotEqualTo(SecretChecksum.of(List.of("wharf-db"), Map.of("wharf-db", DB)));
    }

    @Test
    void ofWhenTheNamesComeInAnotherOrderShouldNotChange() {
        Map<String, Secret> secrets = Map.of("wharf-db", DB, "minio-creds", S3);

        assertThat(SecretChecksum.of(List.of("wharf-db", "minio-creds"), secrets))
                .isEqualTo(SecretChecksum.of(List.of("minio-creds", "wharf-db"), secrets));
    }

    @Test
    void ofWhenTheSecretIsMissingShouldDifferFromAnEmptySecret() {
        Secret empty = SampleSecrets.secret("wharf-db", Map.of());

        assertThat(SecretChecksum.of(List.of("wharf-db"), Map.of()))
                .isNotEqualTo(SecretChecksum.of(List.of("wharf-db"), Map.of("wharf-db", empty)));
    }

    @Test
    void ofShouldBeASha256DigestThatShowsNoValue() {
        String checksum = SecretChecksum.of(List.of("wharf-db"), Map.of("wharf-db", DB));

        assertThat(checksum).matches("sha256:[0-9a-f]{64}").doesNotContain("one");
    }
}
