package dev.wharf.runtime.firewall;

import dev.wharf.runtime.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which versions of one package an advisory affects: OSV's explicit {@code versions} and its {@code SEMVER} and
 * {@code ECOSYSTEM} ranges, evaluated with the ecosystem's own version order.
 *
 * @param advisory the advisory
 * @param versions the versions it lists
 * @param ranges its ranges, each a list of events
 */
record AffectedVersions(Advisory advisory, Set<String> versions, List<List<Event>> ranges) {

    AffectedVersions {
        versions = Set.copyOf(versions);
        ranges = ranges.stream().map(List::copyOf).toList();
    }

    /** One event of a range. */
    record Event(Kind kind, String version) {

        /** OSV's event kinds. */
        enum Kind {
            INTRODUCED,
            FIXED,
            LAST_AFFECTED,
            LIMIT
        }
    }

    /** Whether the advisory affects {@code version}, by {@code scheme}'s order. */
    boolean affects(String version, VersionScheme scheme) {
        if (versions.contains(version)) {
            return true;
        }
        if (!scheme.isValid(version)) {
            return false;
        }
        return ranges.stream().anyMatch(range -> inRange(version, range, scheme));
    }

    /**
     * The OSV evaluation: events sorted by version ({@code 0} first), affected from an {@code introduced} at or below
     * the version until a {@code fixed} at or below it, or a {@code last_affected} below it; a {@code limit} below it
     * ends the range.
     */
    private static boolean inRange(String version, List<Event> range, VersionScheme scheme) {
        Comparator<Event> order = (a, b) -> {
            boolean aZero = a.version().equals("0");
            boolean bZero = b.version().equals("0");
            if (aZero || bZero) {
                return Boolean.compare(!aZero, !bZero);
            }
            return scheme.compare(a.version(), b.version());
        };
        List<Event> sorted = new ArrayList<>(range);
        sorted.sort(order);
        boolean affected = false;
        for (Event event : sorted) {
            boolean zero = event.version().equals("0");
            int versus = zero ? 1 : scheme.compare(version, event.version());
            switch (event.kind()) {
                case INTRODUCED -> {
                    if (versus >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (versus >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (versus > 0) {
                        affected = false;
                    }
                }
                case LIMIT -> {
                    if (versus >= 0) {
                        return false;
                    }
                }
            }
        }
        return affected;
    }
}
