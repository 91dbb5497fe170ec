package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a client's {@code Accept} takes a manifest's media type, for answering its conditional pull from a copy. */
class ManifestAcceptTest {

    @ParameterizedTest(name = "{0} takes {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "application/vnd.oci.image.manifest.v1+json | application/vnd.oci.image.manifest.v1+json | true",
                "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json;q=0.5"
                        + " | application/vnd.oci.image.manifest.v1+json | true",
                "*/* | application/vnd.oci.image.index.v1+json | true",
                "APPLICATION/VND.OCI.IMAGE.INDEX.V1+JSON | application/vnd.oci.image.index.v1+json | true",
                "application/vnd.docker.distribution.manifest.v2+json"
                        + " | application/vnd.oci.image.index.v1+json | false",
            })
    void acceptsShouldMatchTheMediaTypeAmongTheListedRanges(String accept, String mediaType, boolean expected) {
        assertThat(ProxiedManifests.accepts(List.of(accept), mediaType)).isEqualTo(expected);
    }
}
