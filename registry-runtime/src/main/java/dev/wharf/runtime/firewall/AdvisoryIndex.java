package dev.wharf.runtime.firewall;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The advisories of one source, by ecosystem and package, as loaded from its OSV archive: immutable, replaced whole on
 * a refresh. It counts the advisories it holds for the ecosystems served here and the documents it left out
 * (withdrawn, of other ecosystems, or not OSV).
 */
public final class AdvisoryIndex {

    private final Map<String, List<AffectedVersions>> byPackage;
    private final Map<String, UnaryOperator<String>> names;
    private final Instant loadedAt;
    private final int advisories;
    private final int skipped;

    AdvisoryIndex(
            Map<String, List<AffectedVersions>> byPackage,
            Map<String, UnaryOperator<String>> names,
            Instant loadedAt,
            int advisories,
            int skipped) {
        this.byPackage = Map.copyOf(byPackage);
        this.names = Map.copyOf(names);
        this.loadedAt = loadedAt;
        this.advisories = advisories;
        this.skipped = skipped;
    }

    /** An index without advisories, as of {@code loadedAt}. */
    public static AdvisoryIndex empty(Instant loadedAt) {
        return new AdvisoryIndex(new HashMap<>(), new HashMap<>(), loadedAt, 0, 0);
    }

    /** What the advisories say of every version of a package. */
    List<AffectedVersions> affecting(String ecosystem, String name) {
        UnaryOperator<String> normal = names.getOrDefault(ecosystem, UnaryOperator.identity());
        return byPackage.getOrDefault(key(ecosystem, normal.apply(name)), List.of());
    }

    /** When the archive was read. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** How many advisories were kept. */
    public int advisories() {
        return advisories;
    }

    /** How many documents were left out. */
    public int skipped() {
        return skipped;
    }

    static String key(String ecosystem, String name) {
        return ecosystem + '\u0000' + name;
    }
}
