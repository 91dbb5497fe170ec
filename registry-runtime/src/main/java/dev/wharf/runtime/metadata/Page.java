package dev.wharf.runtime.metadata;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items of this page, at most {@code pageSize}
 * @param totalItems how many items match, over all pages
 * @param page the page number, from 0
 * @param pageSize the largest number of items on a page
 */
public record Page<T>(List<T> items, long totalItems, int page, int pageSize) {

    public Page {
        items = List.copyOf(items);
    }

    /** How many pages the matching items fill. */
    public long totalPages() {
        return (totalItems + pageSize - 1) / pageSize;
    }
}
