package dev.wharf.operator;

/**
 * The registry runtime image the operator runs for a Registry that does not name one in {@code spec.image}: the
 * runtime built with this operator, tagged with the same version.
 */
public final class RuntimeImage {

    /** The repository the runtime image is published to. */
    public static final String REPOSITORY = "wharf/registry-runtime";

    /** Overrides the default image, for a mirror or a private registry. */
    public static final String OVERRIDE_VARIABLE = "WHARF_RUNTIME_IMAGE";

    private RuntimeImage() {}

    /**
     * {@code WHARF_RUNTIME_IMAGE} when set, else {@value #REPOSITORY} tagged with the operator's version (from its jar's
     * manifest; {@code latest} when run from classes, as in tests).
     */
    public static String forThisVersion() {
        String override = System.getenv(OVERRIDE_VARIABLE);
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        String version = RuntimeImage.class.getPackage().getImplementationVersion();
        return REPOSITORY + ":" + (version == null ? "latest" : version);
    }
}
