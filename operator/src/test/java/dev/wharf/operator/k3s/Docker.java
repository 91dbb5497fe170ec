package dev.wharf.operator.k3s;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker daemon, for {@code @EnabledIf}. */
final class Docker {

    /** Why the K3s tests did not run, as the test report shows it. */
    static final String UNAVAILABLE = "Docker is not available: Testcontainers found no Docker daemon"
            + " (DOCKER_HOST, /var/run/docker.sock), so the K3s end-to-end tests are skipped; they run where `docker info`"
            + " works";

    private Docker() {}

    /** True when a Docker daemon answers. */
    static boolean available() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
