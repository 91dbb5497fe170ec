/**
 * The Docker / OCI format: the OCI distribution-spec v1.1 under {@code /v2/<registry>/<name>/...}, with Docker's token
 * authentication.
 *
 * <p>A docker Registry with UpstreamProxies serves its own content first, then pulls through the upstreams with the
 * shared {@link dev.wharf.runtime.proxy.UpstreamEngine}: an UpstreamProxy's {@code url} is the upstream registry's base
 * URL (its host, such as {@code https://registry-1.docker.io}), asked for {@code <url>/v2/<name>/...} with the same
 * repository name (Docker Hub: {@code library/<name>} for a single-component name). A manifest fetched anew is stored
 * and recorded as a version that came through the upstream; a blob is stored and linked to the repository.
 */
@NullMarked
package dev.wharf.runtime.oci;

import org.jspecify.annotations.NullMarked;
