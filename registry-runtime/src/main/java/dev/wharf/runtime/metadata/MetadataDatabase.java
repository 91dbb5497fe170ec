package dev.wharf.runtime.metadata;

import static io.r2dbc.spi.ConnectionFactoryOptions.PASSWORD;
import static io.r2dbc.spi.ConnectionFactoryOptions.USER;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The metadata database: the schema migrated, a pool of R2DBC connections, and transactions over them. */
public final class MetadataDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataDatabase.class);

    /** Connections are opened on demand; idle ones are closed so that a quiet replica holds few. */
    private static final Duration MAX_IDLE = Duration.ofMinutes(10);

    /** How long {@link #close()} waits for connections in use to come back. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Renewed now and then, so that a database failover or a changed password is picked up. */
    private static final Duration MAX_LIFE = Duration.ofMinutes(30);

    private final ConnectionPool pool;
    private final DatabaseClient client;
    private final TransactionalOperator transactions;
    private final String description;
    private final Duration acquireTimeout;
    private final ContentChanges changes = new ContentChanges();

    private MetadataDatabase(ConnectionPool pool, String description, Duration acquireTimeout) {
        this.pool = pool;
        this.client = DatabaseClient.create(pool);
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(pool));
        this.description = description;
        this.acquireTimeout = acquireTimeout;
    }

    /** Migrates the schema ({@link MetadataSchema}, or waits for {@link EarlyMigration}) and opens the connection pool. */
    public static MetadataDatabase open(DatabaseSettings settings) {
        MigratedSchema schema = EarlyMigration.migrate(settings);
        LOG.info(
                "Metadata database {}: schema version {} ({} migration(s) applied, found version {})",
                schema.database(),
                schema.version(),
                schema.migrationsApplied(),
                schema.fromVersion() == null ? "none" : schema.fromVersion());
        ConnectionFactoryOptions.Builder options =
                ConnectionFactoryOptions.parse(settings.url().r2dbcUrl()).mutate();
        String username = settings.username();
        if (username != null) {
            options.option(USER, username);
        }
        options.option(PASSWORD, settings.password());
        ConnectionPoolConfiguration pool = ConnectionPoolConfiguration.builder(
                        new RedactingConnectionFactory(ConnectionFactories.get(options.build()), settings.password()))
                .name("wharf-metadata")
                .initialSize(0)
                .minIdle(0)
                .maxSize(settings.maxConnections())
                .maxAcquireTime(settings.acquireTimeout())
                .maxCreateConnectionTime(settings.acquireTimeout())
                .maxIdleTime(MAX_IDLE)
                .maxLifeTime(MAX_LIFE)
                .build();
        return new MetadataDatabase(new ConnectionPool(pool), settings.url().description(), settings.acquireTimeout());
    }

    public DatabaseClient client() {
        return client;
    }

    public TransactionalOperator transactions() {
        return transactions;
    }

    /** The deletes and replacements this runtime committed, which lookups kept in memory check against. */
    public ContentChanges changes() {
        return changes;
    }

    /** Where the database is, safe to log. */
    public String description() {
        return description;
    }

    /** Completes when a trivial query succeeds within the acquire timeout; for the readiness probe. */
    public Mono<Void> checkHealth() {
        return client.sql("SELECT 1 AS ok")
                .map(row -> Sql.number(row, "ok"))
                .first()
                .timeout(acquireTimeout)
                .onErrorMap(
                        TimeoutException.class,
                        e -> new IllegalStateException(
                                "the metadata database " + description + " did not answer within " + acquireTimeout, e))
                .then();
    }

    /**
     * Closes the pool once every connection it opened is back among the idle ones, waiting up to {@link #CLOSE_WAIT}:
     * a query that has just delivered its result may still be returning its connection (no longer counted as acquired,
     * not yet as idle), and disposing the pool under it makes reactor-pool destroy that connection twice and fail.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (!settled() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        try {
            pool.dispose();
        } catch (IllegalArgumentException e) {
            // reactor-pool can still count a connection whose release races with the disposal twice ("Too many permits
            // returned", reactor/reactor-pool#80 and #255). The pool is marked disposed before that and takes no more
            // work; a connection it did not get to close goes with the database or the process.
            LOG.debug("The metadata database pool miscounted a connection while closing: {}", e.getMessage());
        }
    }

    private boolean settled() {
        return pool.getMetrics()
                .map(metrics -> metrics.acquiredSize() == 0 && metrics.idleSize() == metrics.allocatedSize())
                .orElse(true);
    }
}
