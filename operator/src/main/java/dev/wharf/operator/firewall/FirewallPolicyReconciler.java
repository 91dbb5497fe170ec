package dev.wharf.operator.firewall;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicyStatus;
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
 * Keeps each FirewallPolicy's {@code status.selectedRegistries} (the Registries it names and those using an
 * UpstreamProxy it names) and Ready condition current: Ready=False, NotImplemented, since the runtime does not evaluate
 * firewall rules yet. Advisory freshness and decision counts are the runtime's to
 * report; what is there is kept.
 */
@ControllerConfiguration(
        name = FirewallPolicyReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class FirewallPolicyReconciler extends SelectedRegistriesReconciler<FirewallPolicy, FirewallPolicyStatus>
        implements Reconciler<FirewallPolicy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "firewallpolicy";

    public FirewallPolicyReconciler(Clock clock) {
        super(FirewallPolicy.class, NAME + "-registries", clock);
    }

    @Override
    protected boolean selects(FirewallPolicy policy, Registry registry) {
        return PolicySelection.selects(policy, registry);
    }

    @Override
    protected String noEffect() {
        return "this version of Wharf does not evaluate firewall rules, so nothing is blocked, flagged or recorded and"
                + " every version its targets offer is served";
    }

    @Override
    protected List<String> listedIn(@Nullable FirewallPolicyStatus status) {
        return status == null || status.selectedRegistries() == null ? List.of() : status.selectedRegistries();
    }

    /** Ready, the Registries guarded, and the advisory time and counts the policy already had. */
    @Override
    protected FirewallPolicyStatus status(
            Condition ready,
            @Nullable Long generation,
            List<String> selected,
            @Nullable FirewallPolicyStatus previous) {
        return new FirewallPolicyStatus(
                List.of(ready),
                generation,
                selected,
                previous == null ? null : previous.advisoriesUpdated(),
                previous == null ? null : previous.counts());
    }

    @Override
    protected @Nullable List<Condition> conditionsOf(FirewallPolicyStatus status) {
        return status.conditions();
    }
}
