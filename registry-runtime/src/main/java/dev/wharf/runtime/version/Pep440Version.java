package dev.wharf.runtime.version;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A version as PEP 440 (the version specifiers specification) defines it: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN]
 * [+local]}, parsed with the specification's own regular expression, so every alternate spelling it allows ({@code
 * 1.0-ALPHA.1}, {@code 1.0c1}, {@code 1.0-1}, {@code v1.0}) reads as its normal form. Numbers have no upper bound.
 *
 * @param epoch the epoch, 0 when there is none
 * @param release the release numbers, at least one
 * @param prePhase {@code a}, {@code b} or {@code rc}; null for no prerelease
 * @param pre the prerelease number; null exactly when {@code prePhase} is
 * @param post the post-release number, or null
 * @param dev the development release number, or null
 * @param local the normalized local label (lower case, {@code .} separated), or null
 */
public record Pep440Version(
        BigInteger epoch,
        List<BigInteger> release,
        @Nullable String prePhase,
        @Nullable BigInteger pre,
        @Nullable BigInteger post,
        @Nullable BigInteger dev,
        @Nullable String local)
        implements Comparable<Pep440Version> {

    /** The specification's appendix expression, anchored, with surrounding whitespace allowed as it says. */
    private static final Pattern VERSION = Pattern.compile(
            "^\\s*v?"
                    + "(?:(?<epoch>[0-9]+)!)?"
                    + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
                    + "(?<post>-(?<postN1>[0-9]+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?)?"
                    + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
                    + "\\s*$",
            Pattern.CASE_INSENSITIVE);

    public Pep440Version {
        release = List.copyOf(release);
        if (release.isEmpty()) {
            throw new IllegalArgumentException("a PEP 440 version has at least one release number");
        }
        if ((prePhase == null) != (pre == null)) {
            throw new IllegalArgumentException("a prerelease has both a phase and a number");
        }
    }

    /**
     * Parses a version in any spelling PEP 440 accepts.
     *
     * @throws InvalidNameException naming the value when it is not a PEP 440 version
     */
    public static Pep440Version parse(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new InvalidNameException("the PEP 440 version '" + Echo.printable(version) + "' is not valid:"
                    + " write [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], such as 1.0, 2.1rc1 or 1.0.post2");
        }
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.", -1)) {
            release.add(new BigInteger(part));
        }
        String preL = m.group("preL");
        String postN = m.group("postN1") != null ? m.group("postN1") : m.group("postN2");
        String local = m.group("local");
        return new Pep440Version(
                number(m.group("epoch")),
                release,
                preL == null ? null : phase(preL),
                preL == null ? null : number(m.group("preN")),
                m.group("post") == null ? null : number(postN),
                m.group("dev") == null ? null : number(m.group("devN")),
                local == null ? null : local.toLowerCase(Locale.ROOT).replaceAll("[-_]", "."));
    }

    /** A pre or development release; a post release alone is a release. */
    public boolean isPrerelease() {
        return pre != null || dev != null;
    }

    /** The normal form the specification gives, such as {@code 1!2.0rc1.post3.dev4+ubuntu.1}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (epoch.signum() != 0) {
            out.append(epoch).append('!');
        }
        for (int i = 0; i < release.size(); i++) {
            out.append(i == 0 ? "" : ".").append(release.get(i));
        }
        if (prePhase != null) {
            out.append(prePhase).append(pre);
        }
        if (post != null) {
            out.append(".post").append(post);
        }
        if (dev != null) {
            out.append(".dev").append(dev);
        }
        if (local != null) {
            out.append('+').append(local);
        }
        return out.toString();
    }

    /**
     * The specification's order: epoch, then release numbers with trailing zeros ignored ({@code 1.0 == 1.0.0}), then
     * a development release of the release itself before its prereleases, prereleases before the release, post releases
     * after it, a development release before what it develops, and a local label after the same public version.
     */
    @Override
    public int compareTo(Pep440Version other) {
        int order = epoch.compareTo(other.epoch);
        if (order == 0) {
            order = compareRelease(release, other.release);
        }
        if (order == 0) {
            order = Integer.compare(preRank(), other.preRank());
        }
        if (order == 0 && prePhase != null && other.prePhase != null) {
            order = prePhase.compareTo(other.prePhase);
            if (order == 0) {
                order = Objects.requireNonNull(pre).compareTo(Objects.requireNonNull(other.pre));
            }
        }
        if (order == 0) {
            order = compareMissingFirst(post, other.post);
        }
        if (order == 0) {
            order = compareMissingLast(dev, other.dev);
        }
        return order != 0 ? order : compareLocal(local, other.local);
    }

    /** 0: a development release of the release itself; 1: a prerelease; 2: neither. */
    private int preRank() {
        if (prePhase == null && post == null && dev != null) {
            return 0;
        }
        return prePhase != null ? 1 : 2;
    }

    private static int compareRelease(List<BigInteger> left, List<BigInteger> right) {
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            BigInteger l = i < left.size() ? left.get(i) : BigInteger.ZERO;
            BigInteger r = i < right.size() ? right.get(i) : BigInteger.ZERO;
            int order = l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static int compareMissingFirst(@Nullable BigInteger left, @Nullable BigInteger right) {
        if (left == null || right == null) {
            return Boolean.compare(left != null, right != null);
        }
        return left.compareTo(right);
    }

    private static int compareMissingLast(@Nullable BigInteger left, @Nullable BigInteger right) {
        if (left == null || right == null) {
            return Boolean.compare(left == null, right == null);
        }
        return left.compareTo(right);
    }

    /**
     * No label before any label; labels compare segment by segment, numeric segments numerically and above
     * alphanumeric ones, which compare as strings; when one label is a prefix of the other the shorter comes first.
     */
    private static int compareLocal(@Nullable String left, @Nullable String right) {
        if (left == null || right == null) {
            return Boolean.compare(left != null, right != null);
        }
        String[] l = left.split("\\.", -1);
        String[] r = right.split("\\.", -1);
        for (int i = 0; i < Math.min(l.length, r.length); i++) {
            boolean lNumeric = l[i].chars().allMatch(Character::isDigit);
            boolean rNumeric = r[i].chars().allMatch(Character::isDigit);
            int order;
            if (lNumeric && rNumeric) {
                order = new BigInteger(l[i]).compareTo(new BigInteger(r[i]));
            } else if (lNumeric != rNumeric) {
                order = lNumeric ? 1 : -1;
            } else {
                order = l[i].compareTo(r[i]);
            }
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(l.length, r.length);
    }

    private static BigInteger number(@Nullable String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    private static String phase(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "a", "alpha" -> "a";
            case "b", "beta" -> "b";
            default -> "rc";
        };
    }
}
