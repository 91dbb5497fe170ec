package dev.wharf.operator.references;

/**
 * A reference of a Registry that does not resolve.
 *
 * @param reason the CamelCase reason from {@link dev.wharf.operator.status.Reasons}
 * @param message what is missing, naming it and the field that names it; never a Secret value
 */
public record ReferenceProblem(String reason, String message) {}
