package dev.wharf.runtime.metadata;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The metadata contract on an in-memory H2 database in PostgreSQL mode, one database for the whole class. */
class H2MetadataTest {

    private static Metadata shared;

    @BeforeAll
    static void openDatabase() {
        shared = new Metadata(TestDatabase.h2());
    }

    @AfterAll
    static void closeDatabase() {
        if (shared != null) {
            shared.close();
        }
    }

    @Nested
    class SchemaOnH2 extends SchemaContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class RegistriesOnH2 extends RegistriesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class FilesOnH2 extends FilesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class VersionsOnH2 extends VersionsContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class PackagesOnH2 extends PackagesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class MetadataEntriesOnH2 extends MetadataEntriesContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class FileLookupOnH2 extends FileLookupContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class SharedKeysOnH2 extends SharedKeysContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class TagsOnH2 extends TagsContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class DownloadCounterOnH2 extends DownloadCounterContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class ApiTokensOnH2 extends ApiTokensContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }

    @Nested
    class AuditTrailOnH2 extends AuditTrailContract {
        @Override
        Metadata metadata() {
            return shared;
        }
    }
}
