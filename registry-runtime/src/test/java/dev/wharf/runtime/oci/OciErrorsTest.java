package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.storage.DigestMismatchException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Errors in the distribution spec's error document, with the code and status each stands for. */
class OciErrorsTest {

    private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest B = Digest.parse("sha256:" + "b".repeat(64));

    @Test
    void theDocumentHoldsCodeMessageAndDetail() {
        OciException error = new OciException(OciError.BLOB_UNKNOWN, "no such blob", OciErrors.digestDetail(A));

        assertThat(OciErrors.body(error))
                .isEqualTo(Map.of(
                        "errors",
                        List.of(Map.of(
                                "code",
                                "BLOB_UNKNOWN",
                                "message",
                                "no such blob",
                                "detail",
                                Map.of("digest", A.toString())))));
    }

    @Test
    void aDigestMismatchOfTheStoreIsDigestInvalidNamingBothDigests() {
        OciException error = OciErrors.translate(new DigestMismatchException(A, B));

        assertThat(error.error()).isEqualTo(OciError.DIGEST_INVALID);
        assertThat(error.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(error.getMessage())
                .isEqualTo("the uploaded content has digest " + A + ", but the request said " + B);
    }

    @Test
    void anUnexpectedErrorIsUnknownWithoutItsMessage() {
        OciException error = OciErrors.translate(new IllegalStateException("secret internals"));

        assertThat(error.error()).isEqualTo(OciError.UNKNOWN);
        assertThat(error.getMessage()).doesNotContain("secret internals");
    }
}
