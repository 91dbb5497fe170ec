package dev.wharf.operator.runtimestatus;

import java.util.List;

/**
 * What a Registry's runtime reports about it.
 *
 * @param artifacts the number of versions stored, hosted and cached
 * @param storageBytes the bytes of blob storage used
 * @param upstreams the health of each UpstreamProxy the Registry uses, as this runtime sees it
 */
public record RuntimeReport(long artifacts, long storageBytes, List<UpstreamReport> upstreams) {

    public RuntimeReport {
        upstreams = List.copyOf(upstreams);
    }
}
