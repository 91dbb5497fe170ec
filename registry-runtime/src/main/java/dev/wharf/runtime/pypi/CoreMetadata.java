package dev.wharf.runtime.pypi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The core metadata of a distribution (the core metadata specification: a wheel's {@code METADATA}, an sdist's
 * {@code PKG-INFO}), read from its header fields; the description after them is not kept.
 *
 * @param metadataVersion the {@code Metadata-Version}
 * @param name the {@code Name} as written
 * @param version the {@code Version} as written
 * @param summary the {@code Summary}, or null
 * @param license the {@code License} (or {@code License-Expression}), or null
 * @param requiresPython the {@code Requires-Python} specifier, or null
 * @param requiresDist every {@code Requires-Dist}
 * @param classifiers every {@code Classifier}
 */
record CoreMetadata(
        String metadataVersion,
        String name,
        String version,
        @Nullable String summary,
        @Nullable String license,
        @Nullable String requiresPython,
        List<String> requiresDist,
        List<String> classifiers) {

    /** The largest metadata file read. */
    static final int MAX_BYTES = 1024 * 1024;

    CoreMetadata {
        requiresDist = List.copyOf(requiresDist);
        classifiers = List.copyOf(classifiers);
    }

    /**
     * Reads the header fields of {@code bytes}.
     *
     * @throws IllegalArgumentException naming what is missing when there is no {@code Metadata-Version}, {@code Name}
     *     or {@code Version}
     */
    static CoreMetadata parse(byte[] bytes, String source) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String field = null;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && field != null) {
                List<String> values = fields.getOrDefault(field, new ArrayList<>());
                int last = values.size() - 1;
                values.set(last, values.get(last) + "\n" + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("the line '" + line.substring(0, Math.min(line.length(), 80))
                        + "' of " + source + " is not a 'Field: value' header");
            }
            field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            fields.computeIfAbsent(field, f -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        String license = first(fields, "license-expression");
        return new CoreMetadata(
                required(fields, "metadata-version", source),
                required(fields, "name", source),
                required(fields, "version", source),
                first(fields, "summary"),
                license != null ? license : first(fields, "license"),
                first(fields, "requires-python"),
                fields.getOrDefault("requires-dist", List.of()),
                fields.getOrDefault("classifier", List.of()));
    }

    private static String required(Map<String, List<String>> fields, String name, String source) {
        String value = first(fields, name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(source + " has no " + name + " field");
        }
        return value;
    }

    private static @Nullable String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
