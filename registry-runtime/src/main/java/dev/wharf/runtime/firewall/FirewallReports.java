package dev.wharf.runtime.firewall;

import dev.wharf.runtime.config.ConfiguredFirewallPolicy;
import dev.wharf.runtime.config.RuntimeConfiguration;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * What the status endpoint shows of the FirewallPolicies: {@link FirewallSummary}, from the compiled policies, their
 * advisories and one query that counts the recorded verdicts of every registry by decision.
 */
public final class FirewallReports {

    private static final String COUNTS = "SELECT r.name AS registry, v.decision AS decision, COUNT(*) AS versions"
            + " FROM firewall_verdict v JOIN registry r ON r.id = v.registry_id GROUP BY r.name, v.decision";

    /** One row of the count: a registry's versions with one decision. */
    private record Row(String registry, Verdict.Decision decision, long versions) {}

    private final FirewallPolicies policies;
    private final DatabaseClient client;

    FirewallReports(FirewallPolicies policies, MetadataDatabase database) {
        this.policies = policies;
        this.client = database.client();
    }

    /** Every FirewallPolicy of {@code configuration}, in name order. */
    public Mono<List<FirewallSummary>> summaries(RuntimeConfiguration configuration) {
        if (configuration.firewallPolicies().isEmpty()) {
            return Mono.just(List.of());
        }
        return countsByRegistry()
                .map(counts -> configuration.firewallPolicies().values().stream()
                        .sorted(Comparator.comparing(ConfiguredFirewallPolicy::name))
                        .map(policy -> summary(configuration, policy, counts))
                        .toList());
    }

    private FirewallSummary summary(
            RuntimeConfiguration configuration,
            ConfiguredFirewallPolicy policy,
            Map<String, FirewallSummary.Counts> counts) {
        List<String> guarded = configuration.registries().values().stream()
                .filter(policy::appliesTo)
                .map(registry -> registry.name())
                .sorted()
                .toList();
        FirewallSummary.Counts total = guarded.stream()
                .map(registry -> counts.getOrDefault(registry, FirewallSummary.Counts.NONE))
                .reduce(FirewallSummary.Counts.NONE, FirewallSummary.Counts::plus);
        CompiledPolicy compiled = policies.all().get(policy.name());
        FirewallSummary.Advisories advisories = policy.spec().advisories() == null
                ? null
                : policies.advisories(policy.name())
                        .map(index -> new FirewallSummary.Advisories(
                                index.loadedAt().toString(), index.advisories(), index.skipped()))
                        .orElse(null);
        return new FirewallSummary(
                policy.name(),
                policy.spec().mode().name().toLowerCase(Locale.ROOT),
                guarded,
                compiled != null && compiled.applied(),
                compiled == null ? List.of() : compiled.problemDetails(),
                advisories,
                total);
    }

    private Mono<Map<String, FirewallSummary.Counts>> countsByRegistry() {
        return client.sql(COUNTS)
                .map(row -> new Row(
                        Sql.text(row, "registry"),
                        Verdict.Decision.valueOf(Sql.text(row, "decision")),
                        Sql.number(row, "versions")))
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, FirewallSummary.Counts> counts = new HashMap<>();
                    for (Row row : rows) {
                        long versions = row.versions();
                        FirewallSummary.Counts one = switch (row.decision()) {
                            case PASSED -> new FirewallSummary.Counts(versions, 0, 0);
                            case WARNING -> new FirewallSummary.Counts(versions, versions, 0);
                            case BLOCKED -> new FirewallSummary.Counts(versions, 0, versions);
                        };
                        counts.merge(row.registry(), one, FirewallSummary.Counts::plus);
                    }
                    return Map.copyOf(counts);
                });
    }
}
