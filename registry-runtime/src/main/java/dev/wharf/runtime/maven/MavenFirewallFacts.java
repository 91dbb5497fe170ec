package dev.wharf.runtime.maven;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.firewall.Ecosystem;
import dev.wharf.runtime.firewall.FirewallFacts;
import org.springframework.context.annotation.Configuration;

/** What the firewall reads of Maven versions: package URLs of type maven (the groupId as namespace), the OSV ecosystem Maven, and the publish time recorded with the version. */
@Configuration(proxyBeanMethods = false)
class MavenFirewallFacts implements FirewallFacts {

    private static final Ecosystem ECOSYSTEM = new Ecosystem("maven", "Maven", ':');

    @Override
    public Format format() {
        return Format.MAVEN;
    }

    @Override
    public Ecosystem ecosystem() {
        return ECOSYSTEM;
    }
}
