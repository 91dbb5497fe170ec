package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.common.Format;
import java.util.EnumSet;
import java.util.Set;

/**
 * The formats the registry runtime of this operator's version serves: the one place to change when the runtime
 * learns a format. A Registry of any other format is {@code Ready=False} with reason {@code UnsupportedFormat}; its
 * objects are still created, so it serves as soon as an operator upgrade brings a runtime that knows it.
 */
public final class SupportedFormats {

    /** Generic files and docker (OCI images, Helm charts as OCI artifacts). */
    private static final Set<Format> SERVED = EnumSet.of(Format.GENERIC, Format.DOCKER);

    private SupportedFormats() {}

    /** Whether the runtime serves registries of this format. */
    public static boolean isServed(Format format) {
        return SERVED.contains(format);
    }
}
