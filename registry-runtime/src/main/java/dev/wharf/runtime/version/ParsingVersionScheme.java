package dev.wharf.runtime.version;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A version scheme whose versions parse into a comparable value (Maven's {@code ComparableVersion}, a semantic version,
 * a PEP 440 version): ordering, validity and the latest version all follow from {@link #parse}, which is public so
 * that a range check (the dependency firewall's affected versions) compares the same values.
 *
 * @param <V> the parsed form of a version
 */
public abstract class ParsingVersionScheme<V extends Comparable<? super V>> implements VersionScheme {

    /**
     * The version parsed.
     *
     * @throws InvalidNameException naming the value and the rule it breaks when the version is not valid
     */
    public abstract V parse(String version);

    /** The canonical text of a version that {@link #parse} accepted. */
    protected abstract String normalized(String version, V parsed);

    /** Whether a parsed version is a prerelease in this scheme. */
    protected abstract boolean prerelease(V parsed);

    @Override
    public String normalizeVersion(String version) {
        return normalized(version, parse(version));
    }

    @Override
    public final boolean isValid(String version) {
        return tryParse(version).isPresent();
    }

    @Override
    public final boolean ordersVersions() {
        return true;
    }

    @Override
    public final int compare(String a, String b) {
        Optional<V> left = tryParse(a);
        Optional<V> right = tryParse(b);
        if (left.isPresent() && right.isPresent()) {
            return left.get().compareTo(right.get());
        }
        if (left.isEmpty() && right.isEmpty()) {
            return a.compareTo(b);
        }
        return left.isPresent() ? 1 : -1;
    }

    @Override
    public final boolean isPrerelease(String version) {
        return prerelease(parse(version));
    }

    @Override
    public final Optional<String> latest(Collection<String> versions) {
        Candidate<V> release = new Candidate<>();
        Candidate<V> any = new Candidate<>();
        for (String version : versions) {
            Optional<V> parsed = tryParse(version);
            if (parsed.isEmpty()) {
                continue;
            }
            any.offer(version, parsed.get());
            if (!prerelease(parsed.get())) {
                release.offer(version, parsed.get());
            }
        }
        return release.text != null ? Optional.of(release.text) : Optional.ofNullable(any.text);
    }

    private Optional<V> tryParse(String version) {
        try {
            return Optional.of(parse(version));
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** The highest version offered so far, ties going to the greater string. */
    private static final class Candidate<V extends Comparable<? super V>> {

        private @Nullable String text;
        private @Nullable V parsed;

        void offer(String version, V value) {
            V current = parsed;
            String currentText = text;
            int order = current == null || currentText == null ? 1 : value.compareTo(current);
            if (order > 0 || (order == 0 && currentText != null && version.compareTo(currentText) > 0)) {
                text = version;
                parsed = value;
            }
        }
    }
}
