package dev.wharf.runtime.metadata;

import org.jspecify.annotations.Nullable;

/**
 * Which packages of a registry to list, in which order.
 *
 * @param nameContains only packages whose name contains this, ignoring case; null for all. {@code %} and {@code _}
 *     are matched literally.
 * @param sort the order
 * @param descending whether to reverse it
 * @param page the page number, from 0
 * @param pageSize the number of packages on a page, 1 to {@link #MAX_PAGE_SIZE}
 */
public record PackageQuery(@Nullable String nameContains, Sort sort, boolean descending, int page, int pageSize) {

    /** The default page size of the management API. */
    public static final int DEFAULT_PAGE_SIZE = 10;

    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** What packages can be sorted by; ties are broken by name. */
    public enum Sort {
        NAME,
        CREATED,
        UPDATED,
        DOWNLOADS,
        SIZE
    }

    public PackageQuery {
        if (page < 0) {
            throw new IllegalArgumentException("the page is " + page + "; pages are numbered from 0");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "the page size is " + pageSize + "; it must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
