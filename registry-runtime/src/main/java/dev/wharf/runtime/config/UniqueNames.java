package dev.wharf.runtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps the first resource of each name, in file order, and reports every later one as a duplicate: the API server
 * holds one object per kind and name, so a second definition is a mistake the runtime must not guess about.
 */
final class UniqueNames {

    private UniqueNames() {}

    /** The first of each name, in file order; a problem for each later one, naming both places. */
    static <T> Map<String, Located<T>> firstOfEach(
            List<Located<T>> resources, String kind, Function<T, String> name, List<ConfigProblem> problems) {
        Map<String, Located<T>> byName = new LinkedHashMap<>();
        for (Located<T> resource : resources) {
            String key = name.apply(resource.value());
            Located<T> first = byName.putIfAbsent(key, resource);
            if (first != null) {
                problems.add(new ConfigProblem(
                        resource.location(),
                        kind + " " + key + " is already defined in "
                                + first.location().file() + documentOf(first.location())
                                + "; this definition is ignored"));
            }
        }
        return byName;
    }

    private static String documentOf(ManifestLocation location) {
        return location.document() > 1 ? " (document " + location.document() + ")" : "";
    }
}
