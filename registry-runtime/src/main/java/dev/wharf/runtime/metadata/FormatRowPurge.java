package dev.wharf.runtime.metadata;

import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** One step of a registry purge over a format's own rows, run in batches, each in its own transaction. */
public interface FormatRowPurge {

    /** The name the purge's report and log give the rows, such as {@code oci.uploads}. */
    String name();

    /** Deletes up to {@code limit} of the registry's rows; none when there are none left. */
    Mono<Deleted> deleteBatch(DatabaseClient client, long registryId, int limit);

    /**
     * What one batch deleted.
     *
     * @param rows how many rows; 0 when there were none left
     * @param digests the blobs the deleted rows referenced, repeated as often as they were
     */
    record Deleted(long rows, List<String> digests) {

        /** Nothing was left. */
        public static final Deleted NONE = new Deleted(0, List.of());

        public Deleted {
            digests = List.copyOf(digests);
        }
    }
}
