package dev.wharf.runtime.pypi;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.firewall.Ecosystem;
import dev.wharf.runtime.firewall.FirewallFacts;
import org.springframework.context.annotation.Configuration;

/** What the firewall reads of PyPI releases: package URLs of type pypi, the OSV ecosystem PyPI, and the upload time recorded with the release. */
@Configuration(proxyBeanMethods = false)
class PypiFirewallFacts implements FirewallFacts {

    private static final Ecosystem ECOSYSTEM = new Ecosystem("pypi", "PyPI", (char) 0);

    @Override
    public Format format() {
        return Format.PYPI;
    }

    @Override
    public Ecosystem ecosystem() {
        return ECOSYSTEM;
    }
}
