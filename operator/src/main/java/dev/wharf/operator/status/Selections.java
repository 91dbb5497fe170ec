package dev.wharf.operator.status;

import java.util.List;

/** The bounded Registry list of a policy's status and how its messages count it, shared by the policy controllers. */
public final class Selections {

    /** The most names a policy's {@code status.selectedRegistries} may hold, as the CRD schema says. */
    public static final int MAX_LISTED = 1024;

    private Selections() {}

    /** The names to list: sorted, at most {@link #MAX_LISTED}. */
    public static List<String> listed(List<String> sortedNames) {
        return sortedNames.size() > MAX_LISTED ? sortedNames.subList(0, MAX_LISTED) : sortedNames;
    }

    /** "1 Registry", "3 Registries". */
    public static String registries(int count) {
        return count == 1 ? "1 Registry" : count + " Registries";
    }

    /** The sentence a message ends with when the list is cut: empty when it is not. */
    public static String cut(int selected) {
        return selected > MAX_LISTED ? " status.selectedRegistries lists the first " + MAX_LISTED + "." : "";
    }
}
