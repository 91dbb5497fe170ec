package dev.wharf.runtime.firewall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.read.ReadBlockedException;
import dev.wharf.runtime.read.ReadGate;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.version.VersionSchemes;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The firewall in the read pipeline: every version that comes through a guarded upstream is decided before it is
 * served (cached verdicts are reused while their inputs are unchanged, and stored when they change); a blocked one is
 * refused with its reason, the others are served with their verdict in {@code X-Wharf-Firewall}.
 */
public final class FirewallGate implements ReadGate {

    /** How long a verdict is reused before the clock is read again: minimum ages pass with time. */
    private static final Duration REUSE = Duration.ofMinutes(1);

    private record Key(long registryId, String packageName, String version) {}

    private record Decided(String inputs, Verdict verdict) {}

    private final FirewallPolicies policies;
    private final Map<Format, FirewallFacts> facts;
    private final Packages packages;
    private final Versions versions;
    private final VerdictStore store;
    private final Clock clock;
    private final Cache<Key, Decided> decided =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(REUSE).build();

    FirewallGate(
            FirewallPolicies policies,
            Map<Format, FirewallFacts> facts,
            Packages packages,
            Versions versions,
            VerdictStore store,
            Clock clock) {
        this.policies = policies;
        this.facts = Map.copyOf(facts);
        this.packages = packages;
        this.versions = versions;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Mono<Void> check(ServedRegistry registry, ReadSubject subject, ReadOrigin origin) {
        return admit(registry, subject, origin).then();
    }

    @Override
    public Mono<ReadOrigin> admit(ServedRegistry registry, ReadSubject subject, ReadOrigin origin) {
        String version = subject.version();
        FirewallFacts format = facts.get(registry.format());
        if (version == null || !origin.upstream() || format == null || !VersionSchemes.has(registry.format())) {
            return Mono.just(origin);
        }
        List<CompiledPolicy> guarding = policies.guarding(registry.name(), origin.source());
        if (guarding.isEmpty()) {
            return Mono.just(origin);
        }
        return verdict(registry, format, subject.packageName(), version, guarding)
                .flatMap(verdict -> {
                    if (verdict.decision() == Verdict.Decision.BLOCKED) {
                        return Mono.error(new ReadBlockedException(subject + " is blocked by the dependency firewall: "
                                + verdict.reason()
                                + ". A version is let through by an exemption in the FirewallPolicy, or"
                                + " once it no longer matches the rule"));
                    }
                    return Mono.just(origin.judged(header(verdict)));
                });
    }

    /** The verdict on a version, decided now unless one decided from the same inputs is at hand. */
    Mono<Verdict> verdict(
            ServedRegistry registry, FirewallFacts format, String name, String version, List<CompiledPolicy> guarding) {
        return factsOf(registry, format, name, version).flatMap(known -> {
            String inputs = digest(policies.inputs() + "|"
                    + String.join(
                            ",", guarding.stream().map(CompiledPolicy::name).toList()) + "|" + known.published() + "|"
                    + known.licenses());
            Key key = new Key(registry.id(), name, version);
            Decided cached = decided.getIfPresent(key);
            if (cached != null && cached.inputs().equals(inputs)) {
                return Mono.just(cached.verdict());
            }
            Candidate candidate =
                    new Candidate(format.ecosystem(), VersionSchemes.of(registry.format()), name, version, known);
            Verdict verdict = FirewallEvaluator.evaluate(candidate, guarding, clock.instant());
            decided.put(key, new Decided(inputs, verdict));
            String stamp = inputs + ":" + verdict.decision();
            return store.find(registry.id(), name, version)
                    .map(stored -> !(stored[0].equals(verdict.decision().name()) && stored[1].equals(digest(stamp))))
                    .defaultIfEmpty(true)
                    .flatMap(changed ->
                            changed ? store.record(registry.id(), name, version, verdict, digest(stamp)) : Mono.empty())
                    .thenReturn(verdict);
        });
    }

    private Mono<VersionFacts> factsOf(ServedRegistry registry, FirewallFacts format, String name, String version) {
        return packages.find(registry.id(), name)
                .flatMap(pkg -> versions.find(pkg.id(), version))
                .flatMap(row -> format.facts(registry.id(), name, row))
                .defaultIfEmpty(VersionFacts.UNKNOWN);
    }

    /** The header's value: the decision, and for a warning its reason in printable ASCII. */
    private static String header(Verdict verdict) {
        if (verdict.decision() == Verdict.Decision.PASSED) {
            return verdict.exemptions().isEmpty() ? "PASSED" : "PASSED; exempted";
        }
        StringBuilder value = new StringBuilder(verdict.decision().name()).append("; ");
        for (char c : verdict.reason().toCharArray()) {
            value.append(c >= 0x20 && c < 0x7f ? c : '?');
            if (value.length() > 1024) {
                break;
            }
        }
        return value.toString();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
