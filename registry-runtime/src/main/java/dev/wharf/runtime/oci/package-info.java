/**
 * The Docker / OCI format: the OCI distribution-spec v1.1 under {@code /v2/<registry>/<name>/...}, with Docker's token
 * authentication.
 */
@NullMarked
package dev.wharf.runtime.oci;

import org.jspecify.annotations.NullMarked;
