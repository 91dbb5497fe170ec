package dev.wharf.operator.runtimestatus;

import dev.wharf.api.v1alpha1.registry.Registry;
import java.util.Optional;

/** Asks a Registry's runtime what it holds; an implementation never throws and never blocks beyond its timeout. */
public interface RuntimeStatusClient {

    /** Asks nobody: for an operator that must not call into registry pods (tests of rendering, a locked network). */
    RuntimeStatusClient DISABLED = registry -> Optional.empty();

    /** The Registry's usage, or empty when its runtime could not be asked or did not answer in time. */
    Optional<RuntimeUsage> usage(Registry registry);
}
