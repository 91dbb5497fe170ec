package dev.wharf.operator.testing;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import java.util.function.Consumer;

/** What java-operator-sdk must be told to run against the fabric8 mock API server. */
public final class MockCluster {

    private MockCluster() {}

    /**
     * The mock server answers server-side apply as a merge patch, so status is patched the classic way; and the
     * client belongs to the test extension, which closes it.
     */
    public static final Consumer<ConfigurationServiceOverrider> OPERATOR_SETTINGS = overrider -> overrider
            .withUseSSAToPatchPrimaryResource(false)
            .withSSABasedCreateUpdateMatchForDependentResources(false)
            .withCloseClientOnStop(false);
}
