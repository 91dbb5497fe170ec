/** The runtime configuration the operator renders into a Registry's ConfigMap: the manifests the runtime reads. */
@NullMarked
package dev.wharf.operator.config;

import org.jspecify.annotations.NullMarked;
