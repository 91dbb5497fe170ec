package dev.wharf.runtime.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may say where a request came from, under {@code wharf.forwarded.*}: the URLs the runtime writes into
 * documents (such as npm's tarball URLs) honour {@code Forwarded} and {@code X-Forwarded-Proto}, {@code -Host},
 * {@code -Port} and {@code -Prefix} only from these addresses.
 *
 * @param trustedProxies Addresses or CIDR ranges (such as {@code 10.0.0.0/8} or {@code ::1}) of the ingress or
 *     reverse proxies in front of the runtime. Empty, the default, trusts none: URLs then follow the request's
 *     {@code Host}, or the Registry's {@code spec.expose} when the request came to its host.
 */
@ConfigurationProperties("wharf.forwarded")
public record ForwardedProperties(@DefaultValue List<String> trustedProxies) {

    public ForwardedProperties {
        trustedProxies = List.copyOf(trustedProxies);
        // Refuses a bad address at start-up, with the setting named, rather than at the first request.
        trustedProxies.forEach(AddressRange::parse);
    }
}
