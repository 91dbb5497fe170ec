package dev.wharf.runtime.firewall;

import java.time.Instant;
import java.util.List;

/** The {@code packages} condition: matches versions whose package URL matches one of the deny globs. */
final class DeniedPackages implements Condition {

    private final List<PurlGlob> deny;

    DeniedPackages(List<PurlGlob> deny) {
        this.deny = List.copyOf(deny);
    }

    @Override
    public RuleOutcome test(Candidate candidate, Instant now) {
        String purl = candidate.purl();
        for (PurlGlob glob : deny) {
            if (glob.matches(purl)) {
                return RuleOutcome.matched(purl + " matches " + glob.text(), "denies it");
            }
        }
        return RuleOutcome.clear(purl + " matches none of the denied package URLs", "denies " + deny.size());
    }
}
