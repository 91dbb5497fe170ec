package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.operator.ReadinessCheck.Readiness;
import dev.wharf.operator.testing.CommittedCrds;
import dev.wharf.operator.testing.MockCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness of the real java-operator-sdk Operator against the fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true)
class OperatorReadinessTest {

    KubernetesClient client;
    Operator operator;

    @BeforeEach
    void createOperator() {
        CommittedCrds.create(client);
        operator = OperatorFactory.create(
                client,
                OperatorSettings.parse(Map.of()),
                new SimpleMeterRegistry(),
                Clock.systemUTC(),
                MockCluster.OPERATOR_SETTINGS);
    }

    @AfterEach
    void stopOperator() {
        operator.stop();
    }

    @Test
    void checkWhenTheOperatorHasNotStartedShouldBeNotReady() {
        assertThat(new OperatorReadiness(operator).check())
                .isEqualTo(Readiness.notReady("the operator is starting: its informers are not synced yet"));
    }

    @Test
    void checkWhenTheOperatorHasStartedShouldBeReady() {
        operator.start();

        assertThat(new OperatorReadiness(operator).check())
                .isEqualTo(Readiness.ready("the operator is started and its informers are healthy"));
    }
}
