package dev.wharf.runtime.generic;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.firewall.Ecosystem;
import dev.wharf.runtime.firewall.FirewallFacts;
import org.springframework.context.annotation.Configuration;

/** What the firewall reads of generic packages: package URLs of type generic, no OSV ecosystem, and the time recorded with the version. */
@Configuration(proxyBeanMethods = false)
class GenericFirewallFacts implements FirewallFacts {

    private static final Ecosystem ECOSYSTEM = new Ecosystem("generic", "", (char) 0);

    @Override
    public Format format() {
        return Format.GENERIC;
    }

    @Override
    public Ecosystem ecosystem() {
        return ECOSYSTEM;
    }
}
