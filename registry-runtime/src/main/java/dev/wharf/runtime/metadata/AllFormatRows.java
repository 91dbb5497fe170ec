package dev.wharf.runtime.metadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@link FormatRows} of every format the runtime serves, each applied to the registries of its format. */
public final class AllFormatRows {

    private static final String OTHER_VERSIONS = "SELECT 1 FROM version WHERE package_id = :package AND id <> :version";

    private final List<FormatRows> formats;

    public AllFormatRows(List<FormatRows> formats) {
        this.formats = List.copyOf(formats);
    }

    /** None: a metadata database whose formats keep no rows of their own. */
    public static AllFormatRows none() {
        return new AllFormatRows(List.of());
    }

    /** The steps of every format's purge, in the order of the formats given. */
    public List<FormatRowPurge> purges() {
        return formats.stream().flatMap(format -> format.purges().stream()).toList();
    }

    /**
     * A SQL condition true when no file and no format's row references the {@code blob_ref} row aliased {@code b}.
     */
    public String unreferenced() {
        String core = "NOT EXISTS (SELECT 1 FROM file f WHERE f.blob_digest = b.digest)";
        return formats.stream()
                .flatMap(format -> format.blobReferences().stream())
                .map(reference -> " AND NOT " + reference)
                .collect(Collectors.joining("", core, ""));
    }

    /** Whether the format of that id tags its versions one by one ({@link FormatRows#tagsVersions()}). */
    public boolean tagsVersions(String format) {
        return formats.stream().anyMatch(f -> f.format().id().equals(format) && f.tagsVersions());
    }

    /**
     * A SQL condition true while another version of its package needs the {@code version} row aliased {@code v}
     * although no tag points at it ({@link FormatRows#untaggedNeeded()} of the format of that id); {@code FALSE}
     * when its format names none.
     */
    public String untaggedNeeded(String format) {
        List<String> conditions = formats.stream()
                .filter(f -> f.format().id().equals(format) && f.tagsVersions())
                .flatMap(f -> f.untaggedNeeded().stream())
                .toList();
        return conditions.isEmpty()
                ? "FALSE"
                : conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" OR ", "(", ")"));
    }

    /**
     * The versions a copy of {@code versionId} (of a registry of {@code format}) needs, all the way down, each before
     * the versions that need it; {@code versionId} itself last.
     */
    Mono<List<Long>> copyOrder(DatabaseClient client, String format, long versionId) {
        List<FormatRows> rows =
                formats.stream().filter(f -> f.format().id().equals(format)).toList();
        return Flux.just(versionId)
                .expandDeep(id -> Flux.fromIterable(rows).concatMap(f -> f.copiedWith(client, id)))
                .collectList()
                .map(preorder -> {
                    List<Long> order = new ArrayList<>(new LinkedHashSet<>(preorder.reversed()));
                    order.remove(Long.valueOf(versionId));
                    order.add(versionId);
                    return List.copyOf(order);
                });
    }

    Mono<Void> versionCopied(DatabaseClient client, CopiedVersion copy, Instant now) {
        return each(copy.target(), format -> format.versionCopied(client, copy, now));
    }

    Mono<Void> versionDeleting(DatabaseClient client, LockedPackage pkg, long versionId, Instant now) {
        return each(pkg, format -> format.versionDeleting(client, pkg, versionId, now));
    }

    /** {@link #packageDeleting}, when {@code versionId} is the package's only version. */
    Mono<Void> packageDeletingWhenLast(DatabaseClient client, LockedPackage pkg, long versionId, Instant now) {
        return client.sql(OTHER_VERSIONS)
                .bind("package", pkg.id())
                .bind("version", versionId)
                .map(row -> 1)
                .first()
                .hasElement()
                .flatMap(others -> others ? Mono.<Void>empty() : packageDeleting(client, pkg, now));
    }

    Mono<Void> packageDeleting(DatabaseClient client, LockedPackage pkg, Instant now) {
        return each(pkg, format -> format.packageDeleting(client, pkg, now));
    }

    private Mono<Void> each(LockedPackage pkg, Function<FormatRows, Mono<Void>> hook) {
        return Flux.fromIterable(formats)
                .filter(format -> format.format().id().equals(pkg.registryFormat()))
                .concatMap(hook)
                .then();
    }
}
