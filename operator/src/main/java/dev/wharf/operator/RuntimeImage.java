package dev.wharf.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The registry runtime image the operator runs for a Registry that does not name one in {@code spec.image}: the
 * runtime built with this operator, tagged with the same version.
 */
public final class RuntimeImage {

    /** The repository the runtime image is published to. */
    public static final String REPOSITORY = "wharf/registry-runtime";

    /** Overrides the default image, for a mirror or a private registry. */
    public static final String OVERRIDE_VARIABLE = "WHARF_RUNTIME_IMAGE";

    /** The class-path resource the build writes the project version into. */
    static final String VERSION_RESOURCE = "wharf-version.properties";

    private RuntimeImage() {}

    /** {@link #resolve} with this process's environment. */
    public static String forThisVersion() {
        return resolve(System.getenv());
    }

    /**
     * {@code WHARF_RUNTIME_IMAGE} when set, else {@value #REPOSITORY} tagged with the operator's version, read from
     * {@value #VERSION_RESOURCE} beside this class: the same in the jar, in jib's exploded image layout and in the
     * build's classes.
     */
    static String resolve(Map<String, String> environment) {
        String override = environment.get(OVERRIDE_VARIABLE);
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        return REPOSITORY + ":" + version();
    }

    /** The operator's version, as the build recorded it. */
    public static String version() {
        try (InputStream in = RuntimeImage.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VERSION_RESOURCE + " is missing beside " + RuntimeImage.class.getName()
                        + ": the operator was not built by its Maven build");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(VERSION_RESOURCE + " holds no version (" + version
                        + "): the resource was not filtered by the Maven build");
            }
            return version.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + VERSION_RESOURCE, e);
        }
    }
}
