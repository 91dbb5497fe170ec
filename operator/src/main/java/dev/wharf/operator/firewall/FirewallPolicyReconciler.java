package dev.wharf.operator.firewall;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicyStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.PolicySelection;
import dev.wharf.operator.runtimestatus.RuntimeReport;
import dev.wharf.operator.runtimestatus.RuntimeReports;
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
 * Keeps each FirewallPolicy's status current: the Registries it guards (those it names and those using an
 * UpstreamProxy it names), and the verdict counts, advisory time, PolicyValid and Ready conditions their runtimes
 * report ({@link FirewallPolicyStatusCalculator}).
 */
@ControllerConfiguration(
        name = FirewallPolicyReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class FirewallPolicyReconciler extends SelectedRegistriesReconciler<FirewallPolicy, FirewallPolicyStatus>
        implements Reconciler<FirewallPolicy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "firewallpolicy";

    private final Clock clock;

    /**
     * @param reports the Registries' runtime reports, which carry the policy's compile problems and verdict counts
     * @param gauges where the status is published for alerts and dashboards
     * @param clock the time of a Ready transition
     */
    public FirewallPolicyReconciler(RuntimeReports reports, StatusGauges gauges, Clock clock) {
        super(FirewallPolicy.class, NAME + "-registries", reports, gauges, clock);
        this.clock = clock;
    }

    @Override
    protected boolean selects(FirewallPolicy policy, Registry registry) {
        return PolicySelection.selects(policy, registry);
    }

    @Override
    protected void listen(RuntimeReports reports, Consumer<ResourceID> changed) {
        reports.onFirewallPolicyChange(changed);
    }

    @Override
    protected List<String> listedIn(@Nullable FirewallPolicyStatus status) {
        return status == null || status.selectedRegistries() == null ? List.of() : status.selectedRegistries();
    }

    @Override
    protected FirewallPolicyStatus status(
            FirewallPolicy policy,
            List<String> selected,
            Map<String, RuntimeReport> reports,
            @Nullable FirewallPolicyStatus previous) {
        return FirewallPolicyStatusCalculator.calculate(policy, selected, reports, previous, clock);
    }

    @Override
    protected @Nullable List<Condition> conditionsOf(FirewallPolicyStatus status) {
        return status.conditions();
    }

    @Override
    protected StatusGauges.Gauge gauge() {
        return StatusGauges.Gauge.FIREWALL_BLOCKED_VERSIONS;
    }

    @Override
    protected double gaugeValue(FirewallPolicyStatus status) {
        return status.counts() == null || status.counts().blocked() == null
                ? 0
                : Objects.requireNonNull(status.counts().blocked());
    }
}
