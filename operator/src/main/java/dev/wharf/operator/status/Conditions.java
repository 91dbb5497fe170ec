package dev.wharf.operator.status;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds conditions whose last transition time changes only when their status does. */
public final class Conditions {

    /** The condition every Wharf resource has, and Argo CD's health check reads. */
    public static final String READY = "Ready";

    private Conditions() {}

    /**
     * A condition of the given type, keeping the previous condition's {@code lastTransitionTime} when the status is
     * unchanged and taking the clock's time, as an RFC 3339 timestamp in seconds, when it changes or is new.
     *
     * @param previous the conditions the resource had, or null when it had none
     */
    public static Condition of(
            String type,
            ConditionStatus status,
            String reason,
            String message,
            @Nullable Long observedGeneration,
            @Nullable List<Condition> previous,
            Clock clock) {
        Condition before = find(previous, type);
        String lastTransitionTime =
                before != null && before.status() == status ? before.lastTransitionTime() : timestamp(clock);
        return new Condition(type, status, observedGeneration, lastTransitionTime, reason, message);
    }

    /** The condition of the given type, or null when there is none. */
    public static @Nullable Condition find(@Nullable List<Condition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        for (Condition condition : conditions) {
            if (condition.type().equals(type)) {
                return condition;
            }
        }
        return null;
    }

    /** The clock's time as Kubernetes writes it: RFC 3339 in UTC, whole seconds, such as 2025-01-31T08:00:00Z. */
    public static String timestamp(Clock clock) {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }
}
