/** End-to-end tests on a K3s cluster in Docker (Testcontainers); they skip where Docker is not available. */
@NullMarked
package dev.wharf.operator.k3s;

import org.jspecify.annotations.NullMarked;
