package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxySpec;

/**
 * An UpstreamProxy as loaded: its name and spec.
 *
 * @param name the UpstreamProxy's {@code metadata.name}
 * @param spec its spec, validated; read it, never change it
 */
public record ConfiguredUpstreamProxy(String name, UpstreamProxySpec spec) {

    /** The package format the upstream speaks. */
    public Format format() {
        return spec.format();
    }
}
