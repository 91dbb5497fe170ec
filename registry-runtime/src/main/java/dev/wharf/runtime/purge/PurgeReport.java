package dev.wharf.runtime.purge;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a purge removed. A second run over the same registry removes nothing and reports zeros.
 *
 * @param formatRows the formats' own rows, by the name of their purge step (such as {@code oci.uploads}); only steps
 *     that deleted rows are named
 * @param versions versions, OCI manifests included (their files, tags and metadata entries with them)
 * @param files files of those versions
 * @param tags tags pointing at those versions
 * @param packages packages (their metadata entries with them)
 * @param auditEvents audit events naming the registry
 * @param tokenScopes API token scopes naming the registry (the tokens stay, with their other scopes)
 * @param registryRows the registry's own row: 1, or 0 when it was gone already
 * @param blobsDeleted blobs no other registry of the database referenced, removed from the store and from
 *     {@code blob_ref}; those still referenced stay
 */
public record PurgeReport(
        SortedMap<String, Long> formatRows,
        long versions,
        long files,
        long tags,
        long packages,
        long auditEvents,
        long tokenScopes,
        long registryRows,
        long blobsDeleted) {

    /** Nothing removed. */
    public static final PurgeReport NOTHING = new PurgeReport(new TreeMap<>(), 0, 0, 0, 0, 0, 0, 0, 0);

    public PurgeReport {
        formatRows = Collections.unmodifiableSortedMap(new TreeMap<>(formatRows));
    }

    /** Whether nothing was removed. */
    public boolean isEmpty() {
        return equals(NOTHING);
    }
}
