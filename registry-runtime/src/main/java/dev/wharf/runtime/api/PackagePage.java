package dev.wharf.runtime.api;

import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Page;
import java.util.List;

/** One page of a registry's packages, with what it takes to ask for the others. */
record PackagePage(List<PackageView> items, int page, int size, long totalItems, long totalPages) {

    static PackagePage of(Page<PackageRecord> page) {
        return new PackagePage(
                page.items().stream().map(PackageView::of).toList(),
                page.page(),
                page.pageSize(),
                page.totalItems(),
                page.totalPages());
    }
}
