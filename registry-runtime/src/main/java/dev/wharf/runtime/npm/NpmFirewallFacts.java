package dev.wharf.runtime.npm;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.firewall.Ecosystem;
import dev.wharf.runtime.firewall.FirewallFacts;
import org.springframework.context.annotation.Configuration;

/** What the firewall reads of npm versions: package URLs of type npm (scopes as namespaces), the OSV ecosystem npm, and the publish time recorded with the version. */
@Configuration(proxyBeanMethods = false)
class NpmFirewallFacts implements FirewallFacts {

    private static final Ecosystem ECOSYSTEM = new Ecosystem("npm", "npm", '/');

    @Override
    public Format format() {
        return Format.NPM;
    }

    @Override
    public Ecosystem ecosystem() {
        return ECOSYSTEM;
    }
}
