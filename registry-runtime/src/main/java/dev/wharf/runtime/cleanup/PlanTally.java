package dev.wharf.runtime.cleanup;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds up a plan's decisions as they stream past, holding only bounded samples: the candidates and their bytes, the
 * hash of the candidate list, and the first candidates and first kept versions with their reasons.
 */
public final class PlanTally {

    /** How many candidates and how many kept versions a plan shows with their reasons. */
    public static final int SAMPLE = 20;

    private final PlanHash hash = new PlanHash();
    private final List<Decision> candidateSample = new ArrayList<>();
    private final List<Decision> keptSample = new ArrayList<>();
    private long candidates;
    private long bytes;
    private long kept;

    /** Counts one decision. */
    public void add(Decision decision) {
        if (decision.delete()) {
            candidates++;
            bytes += decision.version().sizeBytes();
            hash.add(
                    decision.registry(),
                    decision.packageName(),
                    decision.version().version());
            if (candidateSample.size() < SAMPLE) {
                candidateSample.add(decision);
            }
        } else {
            kept++;
            if (keptSample.size() < SAMPLE) {
                keptSample.add(decision);
            }
        }
    }

    public long candidates() {
        return candidates;
    }

    public long bytes() {
        return bytes;
    }

    public long kept() {
        return kept;
    }

    /** The hash of the candidate list: the same candidates give the same hash whatever their order. */
    public String hash() {
        return hash.hex();
    }

    public List<Decision> candidateSample() {
        return List.copyOf(candidateSample);
    }

    public List<Decision> keptSample() {
        return List.copyOf(keptSample);
    }
}
