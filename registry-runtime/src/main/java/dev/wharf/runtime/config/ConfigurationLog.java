package dev.wharf.runtime.config;

import org.slf4j.Logger;

/** What the configuration store logs: names, counts and problems, never a Secret value. */
final class ConfigurationLog {

    private ConfigurationLog() {}

    static void loaded(Logger log, RuntimeConfiguration configuration) {
        log.info(
                "Configuration loaded from {}: registries {}, upstream proxies {}, cleanup policies {}, firewall"
                        + " policies {}",
                configuration.source(),
                configuration.registries().keySet(),
                configuration.upstreamProxies().keySet(),
                configuration.cleanupPolicies().keySet(),
                configuration.firewallPolicies().keySet());
        configuration.documentProblems().forEach(problem -> log.warn("Configuration problem: {}", problem));
        configuration.registries().values().stream()
                .filter(registry -> !registry.ready())
                .forEach(registry -> log.atWarn()
                        .addKeyValue("registry", registry.name())
                        .addKeyValue("format", registry.format().id())
                        .log(
                                "Registry {} will answer 503 until this is fixed: {}",
                                registry.name(),
                                String.join("; ", registry.problems())));
        IneffectivePolicies.of(configuration)
                .forEach(policy -> log.atWarn()
                        .addKeyValue("policyKind", policy.kind())
                        .addKeyValue("policy", policy.name())
                        .addKeyValue("reason", policy.reason())
                        .log(policy.message()));
        configuration.problems().stream()
                .filter(problem -> !"Registry".equals(problem.location().kind()))
                .filter(problem -> !configuration.documentProblems().contains(problem))
                .forEach(problem -> log.warn("Configuration problem: {}", problem));
    }

    static void refused(Logger log, RuntimeConfiguration refused, RuntimeConfiguration served) {
        log.warn(
                "The configuration in {} has {} problem(s); still serving the configuration loaded at {}",
                refused.source(),
                refused.problems().size(),
                served.loadedAt());
        refused.problems().forEach(problem -> log.warn("Configuration problem: {}", problem));
    }

    static void changes(Logger log, RegistryChanges changes) {
        if (!changes.isEmpty()) {
            log.info(
                    "Registries added {}, changed {}, removed {}",
                    changes.added(),
                    changes.changed(),
                    changes.removed());
        }
    }
}
