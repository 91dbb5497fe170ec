package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The operator's RBAC in config/rbac grants exactly what the operator uses, never through a wildcard. */
class RbacRulesTest {

    static final List<String> MANAGE = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    /**
     * What the operator does in a watched namespace: the Wharf kinds it reads and marks with a finalizer, their
     * status it writes, the objects it renders for a Registry, the data volumes it deletes on request, the purge
     * Jobs it runs on request, the registry pods it watches for failures, Secrets (read, and each Registry's status
     * credential written), and Events.
     */
    static final Set<String> NAMESPACED = union(
            grants(
                    "wharf.dev",
                    List.of("registries", "upstreamproxies", "cleanuppolicies", "firewallpolicies"),
                    List.of("list", "watch")),
            grants("wharf.dev", List.of("registries"), List.of("get", "patch")),
            grants(
                    "wharf.dev",
                    List.of(
                            "registries/status",
                            "upstreamproxies/status",
                            "cleanuppolicies/status",
                            "firewallpolicies/status"),
                    List.of("patch", "update")),
            grants(
                    "core",
                    List.of("serviceaccounts", "configmaps", "services"),
                    List.of("list", "watch", "create", "update", "patch")),
            grants("apps", List.of("deployments", "statefulsets"), MANAGE),
            grants(
                    "networking.k8s.io",
                    List.of("ingresses"),
                    List.of("list", "watch", "create", "update", "patch", "delete")),
            grants(
                    "policy",
                    List.of("poddisruptionbudgets"),
                    List.of("list", "watch", "create", "update", "patch", "delete")),
            grants(
                    "autoscaling",
                    List.of("horizontalpodautoscalers"),
                    List.of("list", "watch", "create", "update", "patch", "delete")),
            grants("monitoring.coreos.com", List.of("servicemonitors"), List.of("get", "create", "update", "delete")),
            grants("core", List.of("persistentvolumeclaims"), List.of("list", "watch", "delete")),
            grants("batch", List.of("jobs"), List.of("get", "create", "delete")),
            grants("core", List.of("pods"), List.of("list", "watch")),
            grants("core", List.of("secrets"), List.of("get", "list", "watch", "create", "update", "patch")));

    /** Whether the ServiceMonitor CRD exists: the only cluster-scoped read. */
    static final Set<String> CRDS =
            grants("apiextensions.k8s.io", List.of("customresourcedefinitions"), List.of("get"));

    /** The leader election Lease, in the operator's own namespace only. */
    static final Set<String> LEADER_ELECTION =
            grants("coordination.k8s.io", List.of("leases"), List.of("get", "create", "update"));

    private final List<JsonNode> rbac =
            RepositoryFiles.documents(CONFIG.resolve("rbac").resolve("role.yaml"));

    @Test
    void rolesShouldHoldNoWildcard() {
        List<String> wildcards = RbacRules.ROLE_KINDS.stream()
                .flatMap(kind -> RepositoryFiles.ofKind(rbac, kind).stream())
                .flatMap(role -> RbacRules.wildcards(role).stream())
                .toList();

        assertThat(wildcards)
                .as("config/rbac/role.yaml: list resources and verbs by name")
                .isEmpty();
    }

    @Test
    void wildcardCheckWhenARuleHoldsAStarShouldNameIt() {
        JsonNode role = RepositoryFiles.documents("""
                        kind: ClusterRole
                        metadata: {name: too-much}
                        rules:
                          - apiGroups: [apps]
                            resources: [deployments]
                            verbs: ["*"]
                          - apiGroups: ["*"]
                            resources: [secrets]
                            verbs: [get]
                        """).getFirst();

        assertThat(RbacRules.wildcards(role))
                .containsExactly("ClusterRole too-much: verbs *", "ClusterRole too-much: apiGroups *");
    }

    @Test
    void operatorRoleShouldGrantExactlyWhatTheOperatorUses() {
        assertThat(RbacRules.grants(RepositoryFiles.named(rbac, "ClusterRole", "wharf-operator")))
                .isEqualTo(NAMESPACED);
    }

    @Test
    void crdRoleShouldOnlyReadCustomResourceDefinitions() {
        assertThat(RbacRules.grants(RepositoryFiles.named(rbac, "ClusterRole", "wharf-operator-crds")))
                .isEqualTo(CRDS);
    }

    @Test
    void leaderElectionRoleShouldBeNamespacedAndOnlyTouchLeases() {
        assertThat(RbacRules.grants(RepositoryFiles.named(rbac, "Role", "wharf-operator-leader-election")))
                .isEqualTo(LEADER_ELECTION);
    }

    @Test
    void secretsShouldNeverBeDeleted() {
        assertThat(RbacRules.grants(RepositoryFiles.named(rbac, "ClusterRole", "wharf-operator")))
                .filteredOn(grant -> grant.startsWith("core/secrets:"))
                .doesNotContain("core/secrets: delete");
    }

    @Test
    void bindingsShouldGiveEachRoleToTheOperatorServiceAccount() {
        List<JsonNode> bindings =
                RepositoryFiles.documents(CONFIG.resolve("rbac").resolve("role_binding.yaml"));

        assertThat(bindings)
                .extracting(binding -> binding.path("roleRef").path("name").asText())
                .containsExactlyInAnyOrder("wharf-operator", "wharf-operator-crds", "wharf-operator-leader-election");
        assertThat(bindings)
                .allSatisfy(binding -> assertThat(
                                binding.path("subjects").path(0).path("name").asText())
                        .isEqualTo("wharf-operator"));
    }

    static Set<String> grants(String group, List<String> resources, List<String> verbs) {
        Set<String> grants = new TreeSet<>();
        resources.forEach(resource -> verbs.forEach(verb -> grants.add(group + "/" + resource + ": " + verb)));
        return grants;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> union = new TreeSet<>();
        for (Set<String> set : sets) {
            union.addAll(set);
        }
        return union;
    }
}
