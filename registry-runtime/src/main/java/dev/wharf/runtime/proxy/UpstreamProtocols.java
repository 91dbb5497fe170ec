package dev.wharf.runtime.proxy;

import dev.wharf.api.v1alpha1.common.Format;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The protocol of each format's UpstreamProxies: the one its format supplied, plain HTTP for the others. */
final class UpstreamProtocols {

    private final Map<Format, UpstreamProtocol> protocols = new EnumMap<>(Format.class);

    UpstreamProtocols(List<UpstreamProtocol> supplied) {
        for (UpstreamProtocol protocol : supplied) {
            UpstreamProtocol previous = protocols.put(protocol.format(), protocol);
            if (previous != null) {
                throw new IllegalArgumentException("two upstream protocols for format "
                        + protocol.format().id() + ": " + previous.getClass().getName() + " and "
                        + protocol.getClass().getName());
            }
        }
    }

    UpstreamProtocol of(Format format) {
        UpstreamProtocol protocol = protocols.get(format);
        return protocol == null ? UpstreamProtocol.plain(format) : protocol;
    }
}
