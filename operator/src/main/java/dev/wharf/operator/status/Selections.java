package dev.wharf.operator.status;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The Ready condition and bounded Registry list of a policy's status, shared by the policy controllers. */
public final class Selections {

    /** The most names a policy's {@code status.selectedRegistries} may hold, as the CRD schema says. */
    public static final int MAX_LISTED = 1024;

    private Selections() {}

    /** The names to list: sorted, at most {@link #MAX_LISTED}. */
    public static List<String> listed(List<String> sortedNames) {
        return sortedNames.size() > MAX_LISTED ? sortedNames.subList(0, MAX_LISTED) : sortedNames;
    }

    /**
     * Ready=False, NotImplemented: the policy is valid and its Registries are listed, but this version of Wharf does not
     * act on its kind; {@code noEffect} says what does not happen, the message then how many Registries it selects.
     */
    public static Condition notImplemented(
            String kind,
            String noEffect,
            int selected,
            @Nullable Long generation,
            @Nullable List<Condition> previous,
            Clock clock) {
        String selection = switch (selected) {
            case 0 -> "It selects no Registry in this namespace yet.";
            case 1 -> "It selects 1 Registry.";
            default ->
                "It selects " + selected + " Registries"
                        + (selected > MAX_LISTED
                                ? "; status.selectedRegistries lists the first " + MAX_LISTED + "."
                                : ".");
        };
        return Conditions.of(
                Conditions.READY,
                ConditionStatus.FALSE,
                Reasons.NOT_IMPLEMENTED,
                "This " + kind + " is valid but has no effect yet: " + noEffect + ". " + selection,
                generation,
                previous,
                clock);
    }
}
