package dev.wharf.operator.status;

/**
 * The CamelCase reasons Wharf's conditions carry, in one list so that users and Argo CD health checks can rely on
 * them. A reason names why a condition has its status; the message says the rest.
 */
public final class Reasons {

    /** The resource is valid and the operator has taken it into account (UpstreamProxy {@code Ready=True}). */
    public static final String ACCEPTED = "Accepted";

    private Reasons() {}
}
