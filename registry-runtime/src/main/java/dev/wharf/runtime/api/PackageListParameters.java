package dev.wharf.runtime.api;

import dev.wharf.runtime.artifact.Names;
import dev.wharf.runtime.metadata.PackageQuery;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * Reads the query parameters of a package listing ({@code page}, {@code size}, {@code sort}, {@code order},
 * {@code q}) into a {@link PackageQuery}, refusing a bad value with a 400 that names the parameter and what it
 * accepts. Sorting by name is ascending by default, every other order newest or largest first.
 */
final class PackageListParameters {

    static final String PAGE = "page";
    static final String SIZE = "size";
    static final String SORT = "sort";
    static final String ORDER = "order";
    static final String QUERY = "q";

    private static final Set<String> KNOWN = Set.of(PAGE, SIZE, SORT, ORDER, QUERY);
    private static final List<String> SORTS = Arrays.stream(PackageQuery.Sort.values())
            .map(sort -> sort.name().toLowerCase(Locale.ROOT))
            .toList();
    /** A page past this could only be empty, and its offset would overflow. */
    private static final int MAX_PAGE = 1_000_000;

    private PackageListParameters() {}

    /** The query the parameters ask for. */
    static PackageQuery parse(MultiValueMap<String, String> parameters) {
        List<String> unknown = parameters.keySet().stream()
                .filter(name -> !KNOWN.contains(name))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw RequestRefusedException.badRequest("unknown query parameter '" + unknown.get(0)
                    + "'; a package listing takes " + KNOWN.stream().sorted().collect(Collectors.joining(", ")));
        }
        PackageQuery.Sort sort = sort(single(parameters, SORT));
        return new PackageQuery(
                filter(single(parameters, QUERY)),
                sort,
                descending(single(parameters, ORDER), sort),
                number(parameters, PAGE, 0, 0, MAX_PAGE),
                number(parameters, SIZE, PackageQuery.DEFAULT_PAGE_SIZE, 1, PackageQuery.MAX_PAGE_SIZE));
    }

    private static @Nullable String single(MultiValueMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw RequestRefusedException.badRequest(
                    "the query parameter '" + name + "' is given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }

    private static int number(MultiValueMap<String, String> parameters, String name, int fallback, int min, int max) {
        String value = single(parameters, name);
        if (value == null) {
            return fallback;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            number = Integer.MIN_VALUE;
        }
        if (number < min || number > max) {
            throw RequestRefusedException.badRequest("the query parameter '" + name + "' is '" + Echo.printable(value)
                    + "'; it must be a whole number from " + min + " to " + max);
        }
        return number;
    }

    private static PackageQuery.Sort sort(@Nullable String value) {
        if (value == null) {
            return PackageQuery.Sort.NAME;
        }
        return Arrays.stream(PackageQuery.Sort.values())
                .filter(sort -> sort.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> RequestRefusedException.badRequest("the query parameter 'sort' is '"
                        + Echo.printable(value) + "'; it must be one of " + String.join(", ", SORTS)));
    }

    private static boolean descending(@Nullable String value, PackageQuery.Sort sort) {
        if (value == null) {
            return sort != PackageQuery.Sort.NAME;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default ->
                throw RequestRefusedException.badRequest(
                        "the query parameter 'order' is '" + Echo.printable(value) + "'; it must be asc or desc");
        };
    }

    private static @Nullable String filter(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > Names.PACKAGE_MAX) {
            throw RequestRefusedException.badRequest("the query parameter 'q' is " + value.length()
                    + " characters long; a package name has at most " + Names.PACKAGE_MAX);
        }
        return value;
    }
}
