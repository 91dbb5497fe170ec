package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.server.PathContainer;

/** Reading the repository and the endpoint from the end of a {@code /v2/} path. */
class OciPathTest {

    @ParameterizedTest
    @CsvSource({
        "/v2/images/team/app/api/manifests/latest, team/app/api, MANIFEST, latest",
        "/v2/images/app/blobs/sha256:abc, app, BLOB, sha256:abc",
        "/v2/images/team/app/blobs/uploads/, team/app, UPLOADS, ''",
        "/v2/images/team/app/blobs/uploads/1234, team/app, UPLOAD, 1234",
        "/v2/images/a/b/c/tags/list, a/b/c, TAGS, ''",
        "/v2/images/app/referrers/sha256:abc, app, REFERRERS, sha256:abc",
        "/v2/images/team/manifests/manifests/v1, team/manifests, MANIFEST, v1",
        "/v2/images/_catalog, '', CATALOG, ''"
    })
    void theEndpointIsReadFromTheEndSoNamesMayHaveAnyComponents(
            String path, String name, OciPath.Endpoint endpoint, String reference) {
        OciPath parsed = OciPath.parse(PathContainer.parsePath(path));

        assertThat(parsed.registry()).isEqualTo("images");
        assertThat(parsed.name()).isEqualTo(name);
        assertThat(parsed.endpoint()).isEqualTo(endpoint);
        assertThat(parsed.reference()).isEqualTo(reference);
    }

    @Test
    void anUpperCaseNameIsNameInvalid() {
        assertThatThrownBy(() -> OciPath.parse(PathContainer.parsePath("/v2/images/App/tags/list")))
                .isInstanceOfSatisfying(
                        OciException.class, e -> assertThat(e.error()).isEqualTo(OciError.NAME_INVALID));
    }

    @Test
    void aPathThatIsNoEndpointSaysWhatTheUrlsLookLike() {
        assertThatThrownBy(() -> OciPath.parse(PathContainer.parsePath("/v2/images/app/whatever")))
                .hasMessageContaining("is not an endpoint of the registry API");
    }

    @Test
    void anEncodedSlashIsNotASeparatorAndMakesTheNameInvalid() {
        assertThatThrownBy(() -> OciPath.parse(PathContainer.parsePath("/v2/images/team%2Fapp/tags/list")))
                .isInstanceOfSatisfying(
                        OciException.class, e -> assertThat(e.error()).isEqualTo(OciError.NAME_INVALID));
    }
}
