package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.WharfProperties;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.version.VersionSchemes;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
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

    @Bean(destroyMethod = "close")
    AdvisoryRefreshes advisoryRefreshes(
            FirewallPolicies policies,
            ObjectProvider<FirewallFacts> facts,
            WharfProperties wharf,
            ObjectProvider<Clock> clock) {
        Map<String, UnaryOperator<String>> ecosystems = new HashMap<>();
        facts.orderedStream()
                .filter(format -> !format.ecosystem().osv().isEmpty() && VersionSchemes.has(format.format()))
                .forEach(format ->
                        ecosystems.put(format.ecosystem().osv(), VersionSchemes.of(format.format())::normalizeName));
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        AdvisoryFeed feed = new AdvisoryFeed(
                wharf.dataDir().resolve("firewall").resolve("advisories"),
                ecosystems,
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                time,
                policies::advisoriesLoaded);
        return new AdvisoryRefreshes(policies, feed, time);
    }

    @Bean
    FirewallReports firewallReports(FirewallPolicies policies, MetadataDatabase database) {
        return new FirewallReports(policies, database);
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
