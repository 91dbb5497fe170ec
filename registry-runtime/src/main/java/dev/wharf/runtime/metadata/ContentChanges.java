package dev.wharf.runtime.metadata;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes this runtime commits that can make a file lookup kept in memory wrong: a file, version or
 * package deleted, or a file's content replaced. A lookup remembers the count it was read at and is trusted only while
 * the count is the same; new files need no count, since only files found are kept.
 */
public final class ContentChanges {

    private final AtomicLong generation = new AtomicLong();

    /** The count now; read it before the query whose answer is kept. */
    public long generation() {
        return generation.get();
    }

    /** Called once such a change is committed. */
    public void committed() {
        generation.incrementAndGet();
    }

    /** {@link #committed()} when a delete found what it was to delete. */
    public void deleted(boolean existed) {
        if (existed) {
            committed();
        }
    }
}
