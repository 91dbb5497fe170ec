package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that a Registry's purge Job failed: a warning in the operator's log each time the finalizer looks, and one
 * Warning Event on the Registry per Job (shown by {@code kubectl describe registry}), naming the Job, the command that
 * shows its logs, and the two ways on: delete the Job to try again, or remove the finalizer to give up.
 */
final class PurgeFailures {

    private static final Logger log = LoggerFactory.getLogger(PurgeFailures.class);

    /** The Event's reason. */
    static final String REASON = "PurgeFailed";

    private final KubernetesClient client;
    private final Clock clock;

    PurgeFailures(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void report(Registry registry, Job job, JobCondition failed) {
        String message = message(registry, job, failed);
        log.warn(
                "Registry {}/{}: {}",
                registry.getMetadata().getNamespace(),
                registry.getMetadata().getName(),
                message);
        try {
            client.resource(event(registry, job, message)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                log.warn("Could not record the Event of the failed purge: {}", e.getMessage());
            }
        }
    }

    static String message(Registry registry, Job job, JobCondition failed) {
        String namespace = registry.getMetadata().getNamespace();
        String jobName = job.getMetadata().getName();
        return "the purge Job " + jobName + " failed (" + failed.getReason() + ": " + failed.getMessage()
                + "), so the Registry's data is not deleted yet and its finalizer stays. Read why with"
                + " `kubectl logs -n " + namespace + " job/" + jobName
                + "`; fix the cause and delete the Job to run the"
                + " purge again, or give up and keep the data with `kubectl patch registry -n " + namespace + " "
                + registry.getMetadata().getName() + " --type json -p '[{\"op\":\"remove\",\"path\":"
                + "\"/metadata/finalizers\"}]'`";
    }

    private Event event(Registry registry, Job job, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return new EventBuilder()
                .withNewMetadata()
                // One Event per failed Job: a second report of the same Job is refused as a conflict.
                .withName(registry.getMetadata().getName() + ".purge-failed."
                        + job.getMetadata().getUid())
                .withNamespace(registry.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(registry.getApiVersion())
                .withKind(registry.getKind())
                .withName(registry.getMetadata().getName())
                .withNamespace(registry.getMetadata().getNamespace())
                .withUid(registry.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Warning")
                .withReason(REASON)
                .withMessage(message)
                .withNewSource()
                .withComponent("wharf-operator")
                .endSource()
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
    }
}
