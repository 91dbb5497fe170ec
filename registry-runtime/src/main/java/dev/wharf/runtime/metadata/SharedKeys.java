package dev.wharf.runtime.metadata;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Random keys that every replica of a runtime shares through the metadata database: the first replica to ask for a key
 * generates and stores it, every later one reads the same bytes. Two replicas starting at once both try to insert; the
 * primary key lets one win and the other reads the winner's key.
 */
public final class SharedKeys {

    private static final String FIND = "SELECT key_base64 FROM shared_key WHERE name = :name";
    private static final String INSERT =
            "INSERT INTO shared_key (name, key_base64, created_at) VALUES (:name, :key, :now)";

    private final DatabaseClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SharedKeys(MetadataDatabase database, Clock clock) {
        this.client = database.client();
        this.clock = clock;
    }

    /** The key called {@code name}; generated with {@code length} random bytes when there is none yet. */
    public Mono<byte[]> getOrCreate(String name, int length) {
        return find(name).switchIfEmpty(Mono.defer(() -> create(name, length)));
    }

    private Mono<byte[]> find(String name) {
        return client.sql(FIND)
                .bind("name", name)
                .map(row -> Base64.getDecoder().decode(Sql.text(row, "key_base64")))
                .one();
    }

    private Mono<byte[]> create(String name, int length) {
        byte[] key = new byte[length];
        random.nextBytes(key);
        return client.sql(INSERT)
                .bind("name", name)
                .bind("key", Base64.getEncoder().encodeToString(key))
                .bind("now", Sql.now(clock))
                .fetch()
                .rowsUpdated()
                .thenReturn(key)
                // Another replica inserted it first: theirs is the key.
                .onErrorResume(DataIntegrityViolationException.class, e -> find(name));
    }
}
