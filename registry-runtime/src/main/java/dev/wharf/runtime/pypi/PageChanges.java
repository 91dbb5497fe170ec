package dev.wharf.runtime.pypi;

/**
 * Tells the kept pages that this runtime changed a project of a registry (an upload, or a copy or delete through the
 * management API), so that the next read renders them anew rather than waiting for {@link HostedPages#RECHECK}.
 */
final class PageChanges {

    private final HostedPages pages;
    private final ProjectIndex index;

    PageChanges(HostedPages pages, ProjectIndex index) {
        this.pages = pages;
        this.index = index;
    }

    /** {@code project} of the registry changed. */
    void changed(long registryId, String project) {
        pages.changed(registryId, project);
        index.changed(registryId);
    }
}
