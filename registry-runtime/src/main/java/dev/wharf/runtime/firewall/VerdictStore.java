package dev.wharf.runtime.firewall;

import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verdict of every evaluated version, in {@code firewall_verdict}: written only when what it was decided from
 * (its inputs digest) or its decision changed.
 */
final class VerdictStore {

    private static final String UPDATE = "UPDATE firewall_verdict SET decision = :decision, reason = :reason,"
            + " findings = :findings, inputs = :inputs, evaluated_at = :at WHERE registry_id = :registry AND"
            + " package_name = :name AND version = :version";
    private static final String INSERT = "INSERT INTO firewall_verdict (registry_id, package_name, version, decision,"
            + " reason, findings, inputs, evaluated_at) VALUES (:registry, :name, :version, :decision, :reason,"
            + " :findings, :inputs, :at)";
    private static final String FIND = "SELECT decision, inputs FROM firewall_verdict WHERE registry_id = :registry"
            + " AND package_name = :name AND version = :version";

    private static final int MAX_REASON = 4096;

    private final DatabaseClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    VerdictStore(MetadataDatabase database) {
        this.client = database.client();
    }

    /** The decision and inputs digest stored for a version; empty when it was never evaluated. */
    Mono<String[]> find(long registryId, String name, String version) {
        return client.sql(FIND)
                .bind("registry", registryId)
                .bind("name", name)
                .bind("version", version)
                .map(row -> new String[] {Sql.text(row, "decision"), Sql.text(row, "inputs")})
                .first();
    }

    /** Records {@code verdict}, decided from {@code inputs}, as the version's current one. */
    Mono<Void> record(long registryId, String name, String version, Verdict verdict, String inputs) {
        String reason = verdict.reason();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 1) + "…";
        }
        String findings = json.writeValueAsString(verdict.findings().stream()
                .map(finding -> Map.of(
                        "policy", finding.policy(),
                        "rule", finding.rule(),
                        "outcome", finding.outcome().kind().name(),
                        "applies", finding.applies(),
                        "message", finding.message()))
                .toList());
        String stored = reason;
        Mono<Long> update = client.sql(UPDATE)
                .bind("registry", registryId)
                .bind("name", name)
                .bind("version", version)
                .bind("decision", verdict.decision().name())
                .bind("reason", stored)
                .bind("findings", findings)
                .bind("inputs", inputs)
                .bind("at", Sql.time(verdict.evaluatedAt()))
                .fetch()
                .rowsUpdated();
        Mono<Long> insert = client.sql(INSERT)
                .bind("registry", registryId)
                .bind("name", name)
                .bind("version", version)
                .bind("decision", verdict.decision().name())
                .bind("reason", stored)
                .bind("findings", findings)
                .bind("inputs", inputs)
                .bind("at", Sql.time(verdict.evaluatedAt()))
                .fetch()
                .rowsUpdated()
                // Another replica recorded it first: its verdict was decided from the same inputs.
                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(0L));
        return update.flatMap(rows -> rows > 0 ? Mono.just(rows) : insert).then();
    }
}
