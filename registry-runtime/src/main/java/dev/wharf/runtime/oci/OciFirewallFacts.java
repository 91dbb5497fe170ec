package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.firewall.Ecosystem;
import dev.wharf.runtime.firewall.FirewallFacts;
import org.springframework.context.annotation.Configuration;

/** What the firewall reads of images: package URLs of type docker (a repository's path as namespace), no OSV ecosystem, and the push time recorded with the tag. */
@Configuration(proxyBeanMethods = false)
class OciFirewallFacts implements FirewallFacts {

    private static final Ecosystem ECOSYSTEM = new Ecosystem("docker", "", '/');

    @Override
    public Format format() {
        return Format.DOCKER;
    }

    @Override
    public Ecosystem ecosystem() {
        return ECOSYSTEM;
    }
}
