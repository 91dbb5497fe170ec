package dev.wharf.operator.cleanup;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicyStatus;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.PolicySelection;
import dev.wharf.operator.runtimestatus.RuntimeReport;
import dev.wharf.operator.runtimestatus.RuntimeReports;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.status.Reasons;
import dev.wharf.operator.status.SelectedRegistriesReconciler;
import dev.wharf.operator.status.StatusGauges;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each CleanupPolicy's status current: the Registries it selects, and the plan, last run, next run and Ready
 * condition their runtimes report ({@link CleanupPolicyStatusCalculator}).
 */
@ControllerConfiguration(
        name = CleanupPolicyReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class CleanupPolicyReconciler extends SelectedRegistriesReconciler<CleanupPolicy, CleanupPolicyStatus>
        implements Reconciler<CleanupPolicy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "cleanuppolicy";

    private final Clock clock;

    /**
     * @param reports the Registries' runtime reports, which carry the policy's plans and runs
     * @param gauges where the status is published for alerts and dashboards
     * @param clock the time of a Ready transition
     */
    public CleanupPolicyReconciler(RuntimeReports reports, StatusGauges gauges, Clock clock) {
        super(CleanupPolicy.class, NAME + "-registries", reports, gauges, clock);
        this.clock = clock;
    }

    @Override
    protected boolean selects(CleanupPolicy policy, Registry registry) {
        return PolicySelection.selects(policy, registry);
    }

    @Override
    protected void listen(RuntimeReports reports, Consumer<ResourceID> changed) {
        reports.onCleanupPolicyChange(changed);
    }

    @Override
    protected List<String> listedIn(@Nullable CleanupPolicyStatus status) {
        return status == null || status.selectedRegistries() == null ? List.of() : status.selectedRegistries();
    }

    @Override
    protected CleanupPolicyStatus status(
            CleanupPolicy policy,
            List<String> selected,
            Map<String, RuntimeReport> reports,
            @Nullable CleanupPolicyStatus previous) {
        return CleanupPolicyStatusCalculator.calculate(policy, selected, reports, previous, clock);
    }

    @Override
    protected @Nullable List<Condition> conditionsOf(CleanupPolicyStatus status) {
        return status.conditions();
    }

    @Override
    protected StatusGauges.Gauge gauge() {
        return StatusGauges.Gauge.CLEANUP_RUN_FAILED;
    }

    @Override
    protected double gaugeValue(CleanupPolicyStatus status) {
        return Conditions.find(status.conditions(), Conditions.READY) != null
                        && Reasons.RUN_FAILED.equals(
                                Objects.requireNonNull(Conditions.find(status.conditions(), Conditions.READY))
                                        .reason())
                ? 1
                : 0;
    }
}
