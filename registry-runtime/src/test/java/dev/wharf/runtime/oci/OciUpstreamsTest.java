package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.proxy.ObjectKind;
import dev.wharf.runtime.proxy.UpstreamAuthenticator;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.storage.Digest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repository names and requests the upstreams are asked for. */
class OciUpstreamsTest {

    private static final OciUpstreamProtocol PROTOCOL = new OciUpstreamProtocol(UpstreamAuthenticator.NONE);

    @Test
    void upstreamNameWhenDockerHubAndASingleComponentShouldBeInLibrary() {
        assertThat(OciUpstreams.upstreamName(URI.create("https://registry-1.docker.io"), "alpine"))
                .isEqualTo("library/alpine");
        assertThat(OciUpstreams.upstreamName(URI.create("https://docker.io"), "alpine"))
                .isEqualTo("library/alpine");
        assertThat(OciUpstreams.upstreamName(URI.create("https://INDEX.docker.io"), "alpine"))
                .isEqualTo("library/alpine");
    }

    @Test
    void upstreamNameWhenDockerHubAndSeveralComponentsShouldBeUnchanged() {
        assertThat(OciUpstreams.upstreamName(URI.create("https://registry-1.docker.io"), "bitnami/redis"))
                .isEqualTo("bitnami/redis");
    }

    @Test
    void upstreamNameWhenAnotherRegistryShouldBeUnchanged() {
        assertThat(OciUpstreams.upstreamName(URI.create("https://ghcr.io"), "alpine"))
                .isEqualTo("alpine");
        assertThat(OciUpstreams.upstreamName(URI.create("http://127.0.0.1:5000"), "alpine"))
                .isEqualTo("alpine");
    }

    @Test
    void requestShouldAskDockerHubForTheLibraryNameAndOtherUpstreamsForTheNameItself() {
        UpstreamRequest request = OciUpstreams.request("alpine", "/manifests/3.20", List.of(), null);

        assertThat(request.path()).isEqualTo("/v2/alpine/manifests/3.20");
        assertThat(request.kind()).isEqualTo(ObjectKind.MUTABLE);
        assertThat(PROTOCOL.path(URI.create("https://registry-1.docker.io"), request))
                .isEqualTo("/v2/library/alpine/manifests/3.20");
        assertThat(PROTOCOL.path(URI.create("https://mirror.example"), request)).isEqualTo("/v2/alpine/manifests/3.20");
    }

    @Test
    void requestWhenADigestNamesTheContentShouldBeImmutableAndCheckedAgainstIt() {
        Digest digest = Digest.parse("sha256:" + "ab".repeat(32));
        UpstreamRequest request = OciUpstreams.request("team/app", "/blobs/" + digest, List.of(), digest);

        assertThat(request.kind()).isEqualTo(ObjectKind.IMMUTABLE);
        assertThat(request.digest()).isEqualTo(digest);
        assertThat(PROTOCOL.path(URI.create("https://index.docker.io"), request))
                .isEqualTo("/v2/team/app/blobs/" + digest);
    }
}
