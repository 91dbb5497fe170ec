package dev.wharf.operator.status;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CamelCase reasons Wharf's conditions carry, in one list so that users and Argo CD health checks can rely on
 * them. A reason names why a condition has its status; the message says the rest.
 *
 * <p>A {@code Ready=False} reason in {@link #HEALING} is a state that resolves by itself (pods starting, a volume
 * being provisioned, a retry under way): health checks report it as Progressing, not Degraded. Those of
 * {@link #NEEDS_A_CHANGE} need someone to act. The Argo CD health check lists exactly these, kind by kind.
 */
public final class Reasons {

    /** The resource is valid and the operator has taken it into account (UpstreamProxy, Ready=True). */
    public static final String ACCEPTED = "Accepted";

    /**
     * Registry Available=True: at least one registry pod serves; Ready=True: and the rollout of the current spec is
     * complete.
     */
    public static final String AVAILABLE = "Available";

    /** ConfigResolved=True: every UpstreamProxy and Secret the Registry names exists. */
    public static final String RESOLVED = "Resolved";

    /** A Registry names an UpstreamProxy that does not exist; the message names it. */
    public static final String UPSTREAM_PROXY_NOT_FOUND = "UpstreamProxyNotFound";

    /** A Registry names an UpstreamProxy of another format; the message names it. */
    public static final String UPSTREAM_PROXY_FORMAT_MISMATCH = "UpstreamProxyFormatMismatch";

    /** A Registry, or something it uses, names a Secret that does not exist; the message names it. */
    public static final String SECRET_NOT_FOUND = "SecretNotFound";

    /** A Secret a Registry uses lacks a key the runtime reads; the message names the Secret and the key. */
    public static final String SECRET_KEY_MISSING = "SecretKeyMissing";

    /** The Registry's format is not served by this version of the runtime. */
    public static final String UNSUPPORTED_FORMAT = "UnsupportedFormat";

    /** StorageReady=True: the data volume is bound. */
    public static final String VOLUME_BOUND = "VolumeBound";

    /** StorageReady=False: the data volume is not bound yet. */
    public static final String VOLUME_PENDING = "VolumePending";

    /** StorageReady=True for S3: the bucket is configured and its credentials resolve; the pods check it is writable. */
    public static final String BUCKET_CONFIGURED = "BucketConfigured";

    /** Available=False: the registry pods are being created or started, none is ready yet. */
    public static final String PODS_STARTING = "PodsStarting";

    /**
     * Available=False or Ready=False: a registry pod cannot start without a change (its image cannot be pulled, its
     * container keeps crashing or cannot be created, no node can take it); the message names the pod and carries the
     * kubelet's or scheduler's reason, such as ImagePullBackOff, CrashLoopBackOff or Unschedulable.
     */
    public static final String PODS_FAILING = "PodsFailing";

    /**
     * Ready=False while pods serve but the rollout of the current spec is not complete (the controller has not seen
     * the current generation, or pods of the current template are missing or not ready, or old ones still run).
     */
    public static final String ROLLOUT_IN_PROGRESS = "RolloutInProgress";

    /** Ready=False while a failed reconcile is retried. */
    public static final String RETRYING = "Retrying";

    /** Ready=False: reconciling failed and the retries are exhausted; the message says why. */
    public static final String RECONCILE_FAILED = "ReconcileFailed";

    /**
     * Ready=False for a CleanupPolicy or FirewallPolicy: it selects no Registry of its namespace, so it acts on nothing;
     * its selector or list of Registries needs a change.
     */
    public static final String NO_REGISTRY_SELECTED = "NoRegistrySelected";

    /**
     * Ready=False (PolicyValid=Unknown) for a CleanupPolicy or FirewallPolicy: no runtime of the Registries it selects
     * has reported it yet (their pods are starting, or have not loaded the configuration naming it).
     */
    public static final String AWAITING_RUNTIME = "AwaitingRuntime";

    /** CleanupPolicy Ready=True: the runtimes of its Registries run it on its schedule; the message says when next. */
    public static final String SCHEDULED = "Scheduled";

    /** CleanupPolicy Ready=True: its schedule is suspended ({@code spec.suspend}), so it runs only when asked. */
    public static final String SUSPENDED = "Suspended";

    /**
     * CleanupPolicy Ready=True, mode ApplyApproved: the last run deleted nothing because {@code spec.approvedPlan} is not
     * the hash of the current plan; the message names the hash to approve.
     */
    public static final String AWAITING_APPROVAL = "AwaitingApproval";

    /**
     * CleanupPolicy Ready=False: its last run on some Registry failed, was interrupted or would have deleted more than
     * the policy allows; the message names the Registry and carries the runtime's error.
     */
    public static final String RUN_FAILED = "RunFailed";

    /** FirewallPolicy Ready=True: every runtime of its Registries compiled its rules and applies them. */
    public static final String APPLIED = "Applied";

    /** FirewallPolicy PolicyValid=True: every rule compiled, CEL expressions type-checked to a bool. */
    public static final String RULES_COMPILED = "RulesCompiled";

    /**
     * FirewallPolicy Ready=False and PolicyValid=False: a rule does not compile (a CEL expression that does not
     * type-check, a bad duration or glob), so the policy is applied nowhere; the message gives each field with the
     * expression's line and column.
     */
    public static final String INVALID_RULES = "InvalidRules";

    /** The kinds whose Ready condition the lists below describe. */
    public static final List<String> KINDS = List.of("Registry", "UpstreamProxy", "CleanupPolicy", "FirewallPolicy");

    /**
     * By kind, the Ready=False reasons the operator writes that resolve by themselves: Progressing rather than Degraded
     * in a health check. A missing UpstreamProxy or Secret is usually the order of a sync (applied after the Registry
     * naming it). config/argocd/health/health.lua's HEALS_BY_ITSELF is this list; HealthCheckReasonsTest compares them.
     */
    public static final Map<String, Set<String>> HEALING = Map.of(
            "Registry",
            Set.of(
                    PODS_STARTING,
                    ROLLOUT_IN_PROGRESS,
                    VOLUME_PENDING,
                    RETRYING,
                    UPSTREAM_PROXY_NOT_FOUND,
                    SECRET_NOT_FOUND),
            "UpstreamProxy",
            Set.of(),
            "CleanupPolicy",
            Set.of(AWAITING_RUNTIME),
            "FirewallPolicy",
            Set.of(AWAITING_RUNTIME));

    /**
     * By kind, the Ready=False reasons the operator writes that need a person to change something: Degraded in a
     * health check. config/argocd/health/health.lua's NEEDS_A_CHANGE is this list.
     */
    public static final Map<String, Set<String>> NEEDS_A_CHANGE = Map.of(
            "Registry",
            Set.of(
                    PODS_FAILING,
                    UNSUPPORTED_FORMAT,
                    UPSTREAM_PROXY_FORMAT_MISMATCH,
                    SECRET_KEY_MISSING,
                    RECONCILE_FAILED),
            "UpstreamProxy",
            Set.of(),
            "CleanupPolicy",
            Set.of(NO_REGISTRY_SELECTED, RUN_FAILED),
            "FirewallPolicy",
            Set.of(NO_REGISTRY_SELECTED, INVALID_RULES));

    /** By kind, the Ready=True reasons the operator writes: Healthy in a health check. */
    public static final Map<String, Set<String>> READY = Map.of(
            "Registry", Set.of(AVAILABLE),
            "UpstreamProxy", Set.of(ACCEPTED),
            "CleanupPolicy", Set.of(SCHEDULED, SUSPENDED, AWAITING_APPROVAL),
            "FirewallPolicy", Set.of(APPLIED));

    private Reasons() {}
}
