package dev.wharf.runtime.metadata;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The append-only record of who changed what. */
public final class AuditTrail {

    /** The most events {@link #recent} returns at once. */
    public static final int MAX_LIMIT = 1000;

    private static final String INSERT = "INSERT INTO audit_event"
            + " (occurred_at, actor, action, registry, package_name, version, detail)"
            + " VALUES (:occurredAt, :actor, :action, :registry, :packageName, :version, :detail)";
    private static final String COLUMNS = "id, occurred_at, actor, action, registry, package_name, version, detail";
    private static final String RECENT = "SELECT " + COLUMNS + " FROM audit_event ORDER BY id DESC LIMIT :limit";
    private static final String RECENT_OF_REGISTRY =
            "SELECT " + COLUMNS + " FROM audit_event WHERE registry = :registry ORDER BY id DESC LIMIT :limit";

    private final DatabaseClient client;

    public AuditTrail(MetadataDatabase database) {
        this.client = database.client();
    }

    /** Appends an event (its id is ignored); joins the caller's transaction when there is one. */
    public Mono<Void> record(AuditEvent event) {
        return client.sql(INSERT)
                .bind("occurredAt", Sql.time(event.occurredAt()))
                .bind("actor", event.actor())
                .bind("action", event.action())
                .bind("registry", Sql.nullableText(event.registry()))
                .bind("packageName", Sql.nullableText(event.packageName()))
                .bind("version", Sql.nullableText(event.version()))
                .bind("detail", Sql.nullableText(event.detail()))
                .then();
    }

    /**
     * The newest events first, of one registry or of all when {@code registry} is null.
     *
     * @param limit how many at most, 1 to {@link #MAX_LIMIT}
     */
    public Flux<AuditEvent> recent(@Nullable String registry, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Flux.error(
                    new IllegalArgumentException("the limit is " + limit + "; it must be between 1 and " + MAX_LIMIT));
        }
        DatabaseClient.GenericExecuteSpec query = registry == null
                ? client.sql(RECENT)
                : client.sql(RECENT_OF_REGISTRY).bind("registry", registry);
        return query.bind("limit", limit).map(AuditTrail::map).all();
    }

    private static AuditEvent map(Readable row) {
        return new AuditEvent(
                Sql.number(row, "id"),
                Sql.instant(row, "occurred_at"),
                Sql.text(row, "actor"),
                Sql.text(row, "action"),
                Sql.nullableText(row, "registry"),
                Sql.nullableText(row, "package_name"),
                Sql.nullableText(row, "version"),
                Sql.nullableText(row, "detail"));
    }
}
