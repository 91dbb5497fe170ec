package dev.wharf.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.registry.S3Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {

    @Test
    void ofWhenOptionalFieldsAreUnsetShouldApplyTheDefaults() {
        S3Storage storage = new S3Storage("http://minio:9000", "blobs", null, null, "creds", null);

        assertThat(S3Settings.of(storage, "AKIA", "s3cr3t"))
                .isEqualTo(new S3Settings("http://minio:9000", "blobs", "", "us-east-1", true, "AKIA", "s3cr3t"));
    }

    @Test
    void ofShouldKeepWhatTheRegistrySays() {
        S3Storage storage = new S3Storage("https://s3.amazonaws.com", "b", "npm/", "eu-west-1", "creds", false);

        assertThat(S3Settings.of(storage, "AKIA", "s3cr3t"))
                .isEqualTo(
                        new S3Settings("https://s3.amazonaws.com", "b", "npm/", "eu-west-1", false, "AKIA", "s3cr3t"));
    }

    @Test
    void toStringShouldHideTheCredentials() {
        S3Settings settings =
                new S3Settings("http://minio:9000", "blobs", "a/", "us-east-1", true, "AKIAXYZ", "s3cr3t");

        assertThat(settings.toString())
                .doesNotContain("AKIAXYZ")
                .doesNotContain("s3cr3t")
                .contains("http://minio:9000", "blobs", "a/", "credentials=(hidden)");
        assertThat(settings.location()).isEqualTo("http://minio:9000/blobs/a/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"npm", "/npm/", "a/../b/", "./", "a//"})
    void constructorWhenPrefixIsUnsafeShouldRefuseIt(String prefix) {
        assertThatThrownBy(() -> new S3Settings("http://minio:9000", "b", prefix, "us-east-1", true, "a", "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the S3 key prefix '" + prefix + "' must");
    }

    @Test
    void constructorWhenACredentialIsBlankShouldSayWhichWithoutShowingTheOther() {
        assertThatThrownBy(() -> new S3Settings("http://minio:9000", "b", "", "us-east-1", true, "AKIAXYZ", " "))
                .hasMessage("the S3 secret key is empty");
        assertThatThrownBy(() -> new S3Settings("http://minio:9000", "b", "", "us-east-1", true, "", "s3cr3t"))
                .hasMessage("the S3 access key is empty");
    }
}
