package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The repository names an upstream is asked for. */
class OciUpstreamsTest {

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
}
