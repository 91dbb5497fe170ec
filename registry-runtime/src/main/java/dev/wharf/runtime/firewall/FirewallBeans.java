package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The firewall's policies, its gate in the read pipeline and the verdicts' table. */
@Configuration(proxyBeanMethods = false)
class FirewallBeans {

    @Bean(destroyMethod = "close")
    FirewallPolicies firewallPolicies(ConfigurationStore configuration) {
        return new FirewallPolicies(configuration);
    }

    @Bean
    FirewallGate firewallGate(
            FirewallPolicies policies,
            ObjectProvider<FirewallFacts> facts,
            Packages packages,
            Versions versions,
            MetadataDatabase database,
            ObjectProvider<Clock> clock) {
        Map<Format, FirewallFacts> byFormat = new EnumMap<>(Format.class);
        facts.orderedStream().forEach(format -> byFormat.put(format.format(), format));
        return new FirewallGate(
                policies,
                byFormat,
                packages,
                versions,
                new VerdictStore(database),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
