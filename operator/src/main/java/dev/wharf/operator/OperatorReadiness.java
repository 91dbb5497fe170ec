package dev.wharf.operator;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.TreeSet;

/** Ready once the java-operator-sdk Operator has started, its informers synced, and while they stay healthy. */
final class OperatorReadiness implements ReadinessCheck {

    private final Operator operator;

    OperatorReadiness(Operator operator) {
        this.operator = operator;
    }

    @Override
    public Readiness check() {
        RuntimeInfo runtime = operator.getRuntimeInfo();
        // Operator.start() returns once every informer has synced its cache, so started means synced.
        if (!runtime.isStarted()) {
            return Readiness.notReady("the operator is starting: its informers are not synced yet");
        }
        if (!runtime.allEventSourcesAreHealthy()) {
            TreeSet<String> unhealthy = new TreeSet<>();
            runtime.unhealthyEventSources()
                    .forEach((controller, sources) -> sources.keySet().stream()
                            .map(source -> controller + "/" + source)
                            .forEach(unhealthy::add));
            return Readiness.notReady("unhealthy event sources: " + String.join(", ", unhealthy));
        }
        return Readiness.ready("the operator is started and its informers are healthy");
    }
}
