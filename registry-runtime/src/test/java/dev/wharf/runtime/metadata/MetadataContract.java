package dev.wharf.runtime.metadata;

import org.junit.jupiter.api.BeforeEach;

/** What every part of the metadata contract has: the shared {@link Metadata} of the database it runs against. */
abstract class MetadataContract {

    protected Metadata m;

    /** The repositories over the database of the enclosing test class. */
    abstract Metadata metadata();

    @BeforeEach
    void useMetadata() {
        m = metadata();
    }
}
