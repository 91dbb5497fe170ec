package dev.wharf.operator.runtimestatus;

import dev.wharf.api.v1alpha1.registry.Registry;
import java.util.Optional;

/** Asks a Registry's runtime what it holds; an implementation never throws and never blocks beyond its timeout. */
public interface RuntimeStatusClient {

    /** Asks nobody: for an operator that must not call into registry pods (tests of rendering, a locked network). */
    RuntimeStatusClient DISABLED = (registry, credential) -> Optional.empty();

    /**
     * The runtime's report on the Registry, or empty when its runtime could not be asked, refused the credential or
     * did not answer in time.
     *
     * @param credential the Registry's status credential, which the runtime reads from its mounted status Secret
     */
    Optional<RuntimeReport> report(Registry registry, String credential);
}
