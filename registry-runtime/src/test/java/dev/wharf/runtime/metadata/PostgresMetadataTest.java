package dev.wharf.runtime.metadata;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The metadata contract on the test services' PostgreSQL, in a database created for this class and dropped after it. */
class PostgresMetadataTest {

    private static Metadata shared;

    @BeforeAll
    static void openDatabase() {
        shared = new Metadata(TestDatabase.postgres());
    }

    @AfterAll
    static void closeDatabase() {
        if (shared != null) {
            shared.close();
        }
    }

    @Nested
    class SchemaOnPostgres extends SchemaContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class RegistriesOnPostgres extends RegistriesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class FilesOnPostgres extends FilesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class VersionsOnPostgres extends VersionsContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class PackagesOnPostgres extends PackagesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class MetadataEntriesOnPostgres extends MetadataEntriesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class FileLookupOnPostgres extends FileLookupContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class SharedKeysOnPostgres extends SharedKeysContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class TagsOnPostgres extends TagsContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class DownloadCounterOnPostgres extends DownloadCounterContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class ApiTokensOnPostgres extends ApiTokensContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class AuditTrailOnPostgres extends AuditTrailContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }
}
