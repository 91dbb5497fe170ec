package dev.wharf.runtime.oci;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a sorted list of names (tags, or the catalog's repositories), as {@code ?n=&last=} asks: the names after
 * {@code last} in lexical order, at most {@code n}, and the {@code Link} to the next page when there are more.
 *
 * @param names the names of the page
 * @param next the URL of the next page; null when this is the last
 */
record TagPage(List<String> names, @Nullable String next) {

    /** The most names one page holds, whatever {@code n} asks. */
    static final int MAX_PAGE = 10_000;

    TagPage {
        names = List.copyOf(names);
    }

    /**
     * The page of {@code sorted} (in lexical order) that {@code n} and {@code last} ask for; {@code url} is the
     * endpoint the next page's link points at.
     */
    static TagPage of(List<String> sorted, @Nullable String n, @Nullable String last, String url) {
        int size = size(n);
        List<String> after = last == null
                ? sorted
                : sorted.stream().filter(name -> name.compareTo(last) > 0).toList();
        if (after.size() <= size) {
            return new TagPage(after, null);
        }
        List<String> page = after.subList(0, size);
        String next = page.isEmpty()
                ? null
                : url + "?n=" + size + "&last=" + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8);
        return new TagPage(page, next);
    }

    /** The {@code Link} header of the next page; null when there is none. */
    @Nullable String link() {
        return next == null ? null : "<" + next + ">; rel=\"next\"";
    }

    private static int size(@Nullable String n) {
        if (n == null) {
            return MAX_PAGE;
        }
        try {
            int size = Integer.parseInt(n);
            if (size < 0) {
                throw new NumberFormatException();
            }
            return Math.min(size, MAX_PAGE);
        } catch (NumberFormatException e) {
            throw new OciException(
                    OciError.UNSUPPORTED,
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "the page size n='" + OciNames.printable(n) + "' is not a number from 0 to " + MAX_PAGE,
                    null);
        }
    }
}
