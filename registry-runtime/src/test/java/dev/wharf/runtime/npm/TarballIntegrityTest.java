package dev.wharf.runtime.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.proxy.ContentCheck;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/** What a packument's {@code dist.integrity} and {@code dist.shasum} make a tarball pass. */
class TarballIntegrityTest {

    private static final byte[] TARBALL = "the tarball".getBytes(StandardCharsets.UTF_8);

    private static String mismatch(TarballIntegrity check, byte[] bytes) {
        ContentCheck.Running running = check.start();
        running.update(DefaultDataBufferFactory.sharedInstance.wrap(bytes));
        return running.mismatch();
    }

    @Test
    void ofWhenIntegrityIsSha512ShouldPassTheTarballAndNameBothValuesOfAnother() {
        TarballIntegrity check = TarballIntegrity.of(NpmPackage.integrity(TARBALL), NpmPackage.sha1(TARBALL));
        assertThat(check).isNotNull();
        assertThat(check.algorithm()).isEqualTo("SHA-512");
        assertThat(check.companions("/x/-/x-1.0.0.tgz")).isEmpty();
        assertThat(mismatch(check, TARBALL)).isNull();
        byte[] other = "other bytes".getBytes(StandardCharsets.UTF_8);
        assertThat(mismatch(check, other))
                .isEqualTo("have " + NpmPackage.integrity(other) + ", but the packument's dist.integrity is "
                        + NpmPackage.integrity(TARBALL));
    }

    @Test
    void ofWhenIntegrityListsSeveralHashesShouldCheckTheStrongest() {
        String integrity = "sha1-" + java.util.Base64.getEncoder().encodeToString(new byte[20]) + " "
                + NpmPackage.integrity(TARBALL) + "?opt";
        TarballIntegrity check = TarballIntegrity.ofIntegrity(integrity, "the packument's dist.integrity");
        assertThat(check).isNotNull();
        assertThat(check.algorithm()).isEqualTo("SHA-512");
        assertThat(mismatch(check, TARBALL)).isNull();
    }

    @Test
    void ofWhenOnlyShasumIsGivenShouldCheckSha1InHex() {
        TarballIntegrity check =
                TarballIntegrity.of(null, NpmPackage.sha1(TARBALL).toUpperCase(java.util.Locale.ROOT));
        assertThat(check).isNotNull();
        assertThat(mismatch(check, TARBALL)).isNull();
        byte[] other = "other".getBytes(StandardCharsets.UTF_8);
        assertThat(mismatch(check, other))
                .isEqualTo("have " + NpmPackage.sha1(other) + ", but the packument's dist.shasum is "
                        + NpmPackage.sha1(TARBALL));
    }

    @Test
    void ofWhenNothingKnownIsGivenShouldBeNull() {
        assertThat(TarballIntegrity.of(null, null)).isNull();
        assertThat(TarballIntegrity.of("md5-AAAA", null)).isNull();
    }

    @Test
    void ofWhenValuesAreMalformedShouldSaySo() {
        assertThatThrownBy(() -> TarballIntegrity.of("sha512-!!!", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the packument's dist.integrity 'sha512-!!!' is not valid base64");
        assertThatThrownBy(() -> TarballIntegrity.of("sha512-AAAA", null))
                .hasMessage("the packument's dist.integrity 'sha512-AAAA' is not a sha512 hash: it has 3 bytes");
        assertThatThrownBy(() -> TarballIntegrity.of(null, "abc"))
                .hasMessage("the packument's dist.shasum 'abc' is not hex");
    }
}
