package dev.wharf.runtime.metadata;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code key:value} entries of one kind of owner (a package or a version), in the owner's own table. */
final class EntryTable {

    static final int MAX_KEY_LENGTH = 63;
    static final int MAX_VALUE_LENGTH = 4096;

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final Clock clock;
    private final String ownerKind;
    private final String lockOwner;
    private final String select;
    private final String update;
    private final String insert;
    private final String delete;

    /**
     * @param ownerKind {@code package} or {@code version}: the owner's table, whose entries are in
     *     {@code <ownerKind>_metadata} keyed by {@code <ownerKind>_id}
     */
    EntryTable(MetadataDatabase database, Clock clock, String ownerKind) {
        this.database = database;
        this.client = database.client();
        this.clock = clock;
        this.ownerKind = ownerKind;
        String table = ownerKind + "_metadata";
        String owner = ownerKind + "_id";
        this.lockOwner = "SELECT id FROM " + ownerKind + " WHERE id = :owner FOR UPDATE";
        this.select = "SELECT entry_key, entry_value FROM " + table + " WHERE " + owner + " = :owner";
        this.update = "UPDATE " + table + " SET entry_value = :value, updated_at = :now WHERE " + owner
                + " = :owner AND entry_key = :key";
        this.insert = "INSERT INTO " + table + " (" + owner + ", entry_key, entry_value, updated_at)"
                + " VALUES (:owner, :key, :value, :now)";
        this.delete = "DELETE FROM " + table + " WHERE " + owner + " = :owner AND entry_key = :key";
    }

    Mono<Map<String, String>> entries(long ownerId) {
        return client.sql(select)
                .bind("owner", ownerId)
                .map(row -> Map.entry(Sql.text(row, "entry_key"), Sql.text(row, "entry_value")))
                .all()
                .collect(TreeMap<String, String>::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()))
                .map(Collections::unmodifiableSortedMap);
    }

    /** Sets the entries under the owner's row lock, so that two concurrent calls cannot pass the limit together. */
    Mono<Map<String, String>> set(long ownerId, Map<String, String> entries) {
        try {
            entries.forEach(EntryTable::check);
        } catch (IllegalArgumentException e) {
            return Mono.error(e);
        }
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            return client.sql(lockOwner)
                    .bind("owner", ownerId)
                    .map(row -> Sql.number(row, "id"))
                    .one()
                    .flatMap(locked -> entries(ownerId))
                    .flatMap(current -> {
                        SortedMap<String, String> merged = new TreeMap<>(current);
                        merged.putAll(entries);
                        if (merged.size() > MetadataEntries.MAX_ENTRIES) {
                            return Mono.error(new IllegalArgumentException("the " + ownerKind + " would carry "
                                    + merged.size() + " metadata entries; at most " + MetadataEntries.MAX_ENTRIES
                                    + " are allowed: delete some first"));
                        }
                        return Flux.fromIterable(new TreeMap<>(entries).entrySet())
                                .filter(entry -> !entry.getValue().equals(current.get(entry.getKey())))
                                .concatMap(entry -> write(
                                        current.containsKey(entry.getKey()) ? update : insert,
                                        ownerId,
                                        entry.getKey(),
                                        entry.getValue(),
                                        now))
                                .then(Mono.just(Collections.unmodifiableSortedMap(merged)));
                    });
        });
    }

    /** Deletes one entry; whether the key was set. */
    Mono<Boolean> delete(long ownerId, String key) {
        return client.sql(delete)
                .bind("owner", ownerId)
                .bind("key", key)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private Mono<Void> write(String sql, long ownerId, String key, String value, Instant now) {
        return client.sql(sql)
                .bind("owner", ownerId)
                .bind("key", key)
                .bind("value", value)
                .bind("now", Sql.time(now))
                .then();
    }

    private static void check(String key, String value) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("the metadata key '"
                    + (key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) + "..." : key) + "' has "
                    + key.length() + " characters; it must have 1 to " + MAX_KEY_LENGTH);
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("the value of the metadata key '" + key + "' has " + value.length()
                    + " characters; at most " + MAX_VALUE_LENGTH + " are allowed");
        }
    }
}
