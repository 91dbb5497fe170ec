package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.operator.testing.CommittedCrds;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The check that runs before the operator starts, against the fabric8 mock API server and a closed port. */
@EnableKubernetesMockClient(crud = true)
class ClusterPreflightTest {

    KubernetesClient client;

    @Test
    void problemWhenTheCrdsAreInstalledShouldBeEmpty() {
        CommittedCrds.create(client);

        assertThat(ClusterPreflight.problem(client)).isEmpty();
    }

    @Test
    void problemWhenTheCrdsAreNotInstalledShouldNameTheMissingResources() {
        assertThat(ClusterPreflight.problem(client))
                .hasValue("The Kubernetes API server at " + client.getMasterUrl() + " does not serve registries,"
                        + " upstreamproxies in wharf.dev/v1alpha1: install the Wharf CRDs first (kubectl apply -f"
                        + " crds/).");
    }

    @Test
    void problemWhenTheApiServerIsUnreachableShouldSayWhereToPointTheOperator() throws IOException {
        String server = "http://127.0.0.1:" + closedPort() + "/";
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server).build();

        assertThat(ClusterPreflight.problem(config))
                .hasValue("Cannot reach the Kubernetes API server at " + server + ": the connection was refused"
                        + " (ClosedChannelException). Run the operator in a pod, or point KUBECONFIG at a cluster.");
    }

    @Test
    void problemWhenTheCredentialsAreRefusedShouldSayToCheckRbacWithoutNamingTheToken() {
        KubernetesMockServer refusing = new KubernetesMockServer(false);
        refusing.init();
        try {
            refusing.expect()
                    .get()
                    .withPath("/apis/wharf.dev/v1alpha1")
                    .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"forbidden\"}")
                    .always();
            String server = "http://" + refusing.getHostName() + ":" + refusing.getPort() + "/";
            Config config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(server)
                    .withOauthToken("s3cr3t-token")
                    .build();

            assertThat(ClusterPreflight.problem(config))
                    .hasValue("The Kubernetes API server at " + server + " refused the operator's credentials (HTTP"
                            + " 403): check its ServiceAccount and RBAC rules.");
        } finally {
            refusing.destroy();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
