package dev.wharf.operator.cleanup;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicyStatus;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.PolicySelection;
import dev.wharf.operator.status.SelectedRegistriesReconciler;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each CleanupPolicy's {@code status.selectedRegistries} and Ready condition current: Ready=False,
 * NotImplemented, since the runtime does not run cleanup yet. The plan and the runs are the runtime's to report; what
 * is there is kept.
 */
@ControllerConfiguration(
        name = CleanupPolicyReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class CleanupPolicyReconciler extends SelectedRegistriesReconciler<CleanupPolicy, CleanupPolicyStatus>
        implements Reconciler<CleanupPolicy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "cleanuppolicy";

    public CleanupPolicyReconciler(Clock clock) {
        super(CleanupPolicy.class, NAME + "-registries", clock);
    }

    @Override
    protected boolean selects(CleanupPolicy policy, Registry registry) {
        return PolicySelection.selects(policy, registry);
    }

    @Override
    protected String noEffect() {
        return "this version of Wharf does not run cleanup, so nothing is planned or deleted";
    }

    @Override
    protected List<String> listedIn(@Nullable CleanupPolicyStatus status) {
        return status == null || status.selectedRegistries() == null ? List.of() : status.selectedRegistries();
    }

    /** Ready, the Registries selected, and the plan and runs the policy already had. */
    @Override
    protected CleanupPolicyStatus status(
            Condition ready, @Nullable Long generation, List<String> selected, @Nullable CleanupPolicyStatus previous) {
        return new CleanupPolicyStatus(
                List.of(ready),
                generation,
                selected,
                previous == null ? null : previous.plan(),
                previous == null ? null : previous.lastRun(),
                previous == null ? null : previous.nextRun());
    }

    @Override
    protected @Nullable List<Condition> conditionsOf(CleanupPolicyStatus status) {
        return status.conditions();
    }
}
